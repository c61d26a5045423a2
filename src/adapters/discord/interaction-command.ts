import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../../core/commands/command.js';
import { type CommandError, CommandErrorId, commandError } from '../../core/commands/command-error.js';
import { parseConfig } from '../../core/commands/parse-config.js';
import { parsePaperId } from '../../core/commands/parse-paper-id.js';
import { parseSaved } from '../../core/commands/parse-saved.js';
import { parseSchedule } from '../../core/commands/parse-schedule.js';
import { parseSearch } from '../../core/commands/parse-search.js';
import { type Token, tokenize } from '../../core/commands/tokenize.js';
import { err, ok, type Result } from '../../core/result.js';
import { parseTerms } from '../../core/subscriptions/parse-terms.js';

/** An application command option as Discord sends it (sub-commands nest their own options). */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: InteractionOption[];
  focused?: boolean;
}

/** The `data` of an APPLICATION_COMMAND (or autocomplete) interaction. */
export interface CommandData {
  name: string;
  options?: InteractionOption[];
}

/** The sub-command (`/digest schedule`) and the options that apply, flattened by name. */
export const readOptions = (data: CommandData): { sub?: string; values: Map<string, InteractionOption> } => {
  const sub = data.options?.find((option) => option.type === ApplicationCommandOptionType.Subcommand);
  const options = sub ? (sub.options ?? []) : (data.options ?? []);
  return {
    ...(sub ? { sub: sub.name } : {}),
    values: new Map(options.map((option) => [option.name, option])),
  };
};

/** A `key:value` token as the core's parsers read it, for a Discord option. */
const keyed = (key: string, value: string): Token => ({
  raw: `${key}:${value}`,
  key,
  value,
  negated: false,
  quoted: false,
});
const word = (value: string): Token => ({ raw: value, value, negated: false, quoted: false });

const text = (values: Map<string, InteractionOption>, name: string): string | undefined => {
  const value = values.get(name)?.value;
  return value === undefined || value === '' ? undefined : String(value);
};

/** `/unsave id:` and `/why paper:`: an arXiv id or link, or the core's error for it. */
const paperCommand = (kind: 'unsave' | 'why', value: string): Result<Command, CommandError> => {
  const id = parsePaperId(value.trim());
  return id === undefined
    ? err(commandError(CommandErrorId.BadPaperId, { value, command: kind }))
    : ok({ kind, id });
};

const onOff = (value: string): string => (value === 'true' ? 'on' : value === 'false' ? 'off' : value);

/**
 * Maps a slash command's options into the core `Command`, validating them with the core's own parsers
 * (`parseSearch`, `parseTerms`, `parseSchedule`, `parseConfig`, `parseSaved`), so Discord users get the same
 * checks and the same error messages as everyone else.
 *
 * @example
 * commandFromInteraction({ name: 'papers', options: [{ name: 'topic', type: 3, value: 'lora' }] });
 * // ok({ kind: 'search', query: 'lora' })
 */
export function commandFromInteraction(data: CommandData): Result<Command, CommandError> {
  const { sub, values } = readOptions(data);
  switch (data.name) {
    case 'papers':
      return papers(values);
    case 'subscribe':
    case 'unsubscribe': {
      const terms = parseTerms(text(values, data.name === 'subscribe' ? 'terms' : 'term') ?? '');
      if (!terms.ok) return terms;
      if (terms.value.length === 0)
        return err(commandError(CommandErrorId.TermsMissing, { command: data.name }));
      return ok({ kind: data.name, terms: terms.value });
    }
    case 'subscriptions':
      return ok({ kind: 'subscriptions' });
    case 'saved':
      // `by` is a USER option: Discord sends the snowflake, which the core reads as a mention.
      return parseSaved(keyedOptions(values, ['since', 'by', 'page', 'export']));
    case 'unsave':
      return paperCommand('unsave', text(values, 'id') ?? '');
    case 'why':
      return paperCommand('why', text(values, 'paper') ?? '');
    case 'digest':
      return digest(sub, values);
    default:
      return ok({ kind: 'help' });
  }
}

/** The options given, as `key:value` tokens, in the order named. */
const keyedOptions = (values: Map<string, InteractionOption>, names: string[]): Token[] =>
  names.flatMap((name) => {
    const value = text(values, name);
    return value === undefined ? [] : [keyed(name, value)];
  });

const papers = (values: Map<string, InteractionOption>): Result<Command, CommandError> => {
  const topic = text(values, 'topic');
  const options = keyedOptions(values, ['since', 'limit', 'sort']);
  if (topic === undefined && options.length === 0) return ok({ kind: 'today' });
  const paperId = topic !== undefined && options.length === 0 ? parsePaperId(topic.trim()) : undefined;
  if (paperId !== undefined) return ok({ kind: 'paper', id: paperId });
  const tokens = tokenize(topic ?? '');
  if (!tokens.ok) return tokens;
  return parseSearch([...tokens.value, ...options]);
};

const digest = (
  sub: string | undefined,
  values: Map<string, InteractionOption>,
): Result<Command, CommandError> => {
  switch (sub) {
    case 'schedule': {
      const words = ['time', 'timezone', 'days'].flatMap((name) => {
        const value = text(values, name);
        return value === undefined ? [] : [word(value)];
      });
      return parseSchedule(words);
    }
    case 'off':
      return ok({ kind: 'scheduleOff' });
    case 'config': {
      const tokens: Token[] = [];
      for (const key of ['top', 'min-upvotes', 'threads', 'alerts', 'empty', 'learn', 'shared', 'language']) {
        const value = text(values, key);
        if (value !== undefined) tokens.push(keyed(key, onOff(value)));
      }
      const sources = text(values, 'sources');
      if (sources !== undefined) tokens.push(keyed('sources', sources.replace(/\s+/g, '')));
      return parseConfig(tokens);
    }
    case 'recap': {
      // `/digest recap day:fri time:16:00 timezone:Europe/Berlin`, or `day:off`: the core's `schedule recap ...`.
      const words = ['day', 'time', 'timezone'].flatMap((name) => {
        const value = text(values, name);
        return value === undefined ? [] : [word(value)];
      });
      return parseSchedule([word('recap'), ...words]);
    }
    case 'now':
      return ok({ kind: 'digest' });
    case 'settings':
      return ok({ kind: 'settings' });
    case 'preview':
      return ok({ kind: 'preview' });
    default:
      return ok({ kind: 'help' });
  }
};
