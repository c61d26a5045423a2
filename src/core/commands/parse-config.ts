import { SOURCE_PATTERN } from '../channel.js';
import { closestWord } from '../edit-distance.js';
import { canonicalLanguage } from '../language.js';
import { err, ok, type Result } from '../result.js';
import type { Command, ConfigChanges } from './command.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';
import { wholeNumber } from './parse-search.js';
import type { Token } from './tokenize.js';

type ConfigCommand = Extract<Command, { kind: 'config' }>;

export const CONFIG_KEYS = [
  'top',
  'min-upvotes',
  'sources',
  'threads',
  'alerts',
  'empty',
  'learn',
  'shared',
  'language',
] as const;
type ConfigKey = (typeof CONFIG_KEYS)[number];

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['on', true],
  ['true', true],
  ['yes', true],
  ['off', false],
  ['false', false],
  ['no', false],
]);
/** A channel follows at most this many sources (as `channelSettingsSchema` allows). */
export const MAX_SOURCES = 20;

const isConfigKey = (key: string): key is ConfigKey => (CONFIG_KEYS as readonly string[]).includes(key);

/**
 * Reads what follows `config`: `top:7 min-upvotes:10 sources:hf,cs.LG threads:off alerts:instant empty:off learn:off shared:hide language:de`, in any
 * order, at least one. A comma list may continue after a space (`sources:hf, cs.LG`).
 *
 * @example
 * parseConfig(tokenize('top:7 threads:off').value); // ok({ kind: 'config', changes: { top: 7, threads: false } })
 */
export function parseConfig(tokens: readonly Token[]): Result<ConfigCommand, CommandError> {
  const changes: ConfigChanges = {};
  const seen = new Set<ConfigKey>();
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.key === undefined || token.negated || !isConfigKey(token.key)) return err(badKey(token));
    if (seen.has(token.key)) {
      return err(commandError(CommandErrorId.RepeatedOption, { option: token.key, context: 'config' }));
    }
    seen.add(token.key);
    let value = token.value;
    while (value.endsWith(',') && isListContinuation(tokens[index + 1])) value += tokens[++index]!.value;
    const applied = applyChange(changes, token.key, value);
    if (!applied.ok) return applied;
  }
  if (seen.size === 0) return err(commandError(CommandErrorId.ConfigMissing));
  return ok({ kind: 'config', changes });
}

const isListContinuation = (token: Token | undefined): boolean =>
  token !== undefined && token.key === undefined && !token.negated && !token.quoted;

const badKey = (token: Token): CommandError => {
  const key = token.key === undefined ? token.raw : `${token.negated ? '-' : ''}${token.key}`;
  return commandError(CommandErrorId.BadConfigKey, {
    key,
    valid: CONFIG_KEYS.join(', '),
    suggestion: closestWord(key, CONFIG_KEYS, 2),
  });
};

const applyChange = (changes: ConfigChanges, key: ConfigKey, value: string): Result<true, CommandError> => {
  const bad = (shown = value) => err(commandError(CommandErrorId.BadConfigValue, { key, value: shown }));
  switch (key) {
    case 'top':
    case 'min-upvotes': {
      const n = wholeNumber(value);
      const [min, max] = key === 'top' ? [1, 20] : [0, 100_000];
      if (n === undefined || n < min || n > max) return bad();
      if (key === 'top') changes.top = n;
      else changes.minUpvotes = n;
      return ok(true);
    }
    case 'sources': {
      const sources = [
        ...new Set(
          value
            .split(',')
            .map((source) => source.trim())
            .filter((source) => source !== '')
            .map((source) => (source.toLowerCase() === 'hf' ? 'hf' : source)),
        ),
      ];
      const invalid = sources.find((source) => !SOURCE_PATTERN.test(source));
      if (invalid !== undefined) return bad(invalid);
      if (sources.length === 0 || sources.length > MAX_SOURCES) return bad();
      changes.sources = sources;
      return ok(true);
    }
    case 'threads':
    case 'empty':
    case 'learn': {
      const flag = BOOLEANS.get(value.toLowerCase());
      if (flag === undefined) return bad();
      if (key === 'threads') changes.threads = flag;
      else if (key === 'empty') changes.postWhenEmpty = flag;
      else changes.learn = flag;
      return ok(true);
    }
    case 'shared': {
      const shared = value.toLowerCase();
      if (shared !== 'show' && shared !== 'hide') return bad();
      changes.shared = shared;
      return ok(true);
    }
    case 'language': {
      const language = canonicalLanguage(value);
      if (language === null) return bad();
      changes.language = language;
      return ok(true);
    }
    case 'alerts': {
      const alerts = value.toLowerCase();
      if (alerts !== 'digest' && alerts !== 'instant') return bad();
      changes.alerts = alerts;
      return ok(true);
    }
  }
};
