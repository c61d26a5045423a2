import type { Reply } from '../cards/card.js';
import { withFallback } from '../cards/card-fallback.js';
import type { Command } from '../commands/command.js';
import type { ConfigKey } from '../commands/settings-form.js';
import {
  configFromForm,
  type ScheduleField,
  type ScheduleForm,
  type SettingsForm,
  scheduleFromForm,
} from '../commands/settings-form.js';
import {
  type SubscriptionsField,
  type SubscriptionsForm,
  subscriptionsFromForm,
} from '../commands/subscriptions-form.js';
import type { BotDependencies, CommandContext } from './bot-dependencies.js';
import type { CommandHooks } from './command-hooks.js';
import { handleCommand } from './handle-command.js';
import { apology } from './replies.js';

/**
 * What a submitted form came to: `invalid`, with one message per bad field and nothing saved; or `answered`,
 * the reply of the commands it became (which may still be refused by the platform's check, e.g. admins only,
 * and then saved nothing either).
 */
export type FormResult<Field extends string> =
  | { kind: 'invalid'; errors: { field: Field; message: string }[] }
  | { kind: 'answered'; reply: Reply };

/**
 * A settings form (Slack's modal, Discord's components) saved as `/papers config` saves it: the same parser,
 * then the same command through the same hooks, so the platform's checks (admins only, Manage Channels) apply.
 */
export async function submitSettingsForm(
  dependencies: BotDependencies,
  context: CommandContext,
  form: SettingsForm,
  hooks: CommandHooks = {},
): Promise<FormResult<ConfigKey>> {
  const changes = configFromForm(form);
  if (!changes.ok) return { kind: 'invalid', errors: changes.error };
  if (Object.keys(changes.value).length === 0)
    return {
      kind: 'answered',
      reply: await handleCommand(dependencies, context, { kind: 'settings' }, hooks),
    };
  const command: Command = { kind: 'config', changes: changes.value };
  return { kind: 'answered', reply: await handleCommand(dependencies, context, command, hooks) };
}

/** A schedule form saved as `/papers schedule` (or `schedule off` when the form turns the digest off). */
export async function submitScheduleForm(
  dependencies: BotDependencies,
  context: CommandContext,
  form: ScheduleForm & { enabled?: boolean },
  hooks: CommandHooks = {},
): Promise<FormResult<ScheduleField>> {
  if (form.enabled === false)
    return {
      kind: 'answered',
      reply: await handleCommand(dependencies, context, { kind: 'scheduleOff' }, hooks),
    };
  const command = scheduleFromForm(form);
  if (!command.ok) return { kind: 'invalid', errors: command.error };
  return { kind: 'answered', reply: await handleCommand(dependencies, context, command.value, hooks) };
}

/**
 * A digest turned back on by a switch, as it was before it was turned off (a cron schedule stays one): the same
 * `schedule` command the text would give for it, through the same hooks.
 */
export async function turnScheduleOn(
  dependencies: BotDependencies,
  context: CommandContext,
  hooks: CommandHooks = {},
): Promise<Reply> {
  const { schedule } = (await dependencies.channels.ensure(context.channel)).settings;
  const { time, timezone, days } = schedule;
  return handleCommand(dependencies, context, { kind: 'schedule', time, timezone, days }, hooks);
}

/**
 * A subscriptions form saved as `/papers unsubscribe` then `/papers subscribe` would save it (removals first, so
 * they make room), in one answer with both commands' notices. The terms and the limit are checked before either
 * runs. A form with nothing to add or remove answers with the channel's terms.
 */
export async function submitSubscriptionsForm(
  dependencies: BotDependencies,
  context: CommandContext,
  form: SubscriptionsForm,
  hooks: CommandHooks = {},
): Promise<FormResult<SubscriptionsField>> {
  const current = await dependencies.subscriptions.list(context.channel);
  const changes = subscriptionsFromForm(form, current);
  if (!changes.ok) return { kind: 'invalid', errors: changes.error };
  const { add, remove } = changes.value;
  const commands: Command[] = [
    ...(remove.length > 0 ? [{ kind: 'unsubscribe' as const, terms: remove }] : []),
    ...(add.length > 0 ? [{ kind: 'subscribe' as const, terms: add }] : []),
  ];
  if (commands.length === 0)
    return {
      kind: 'answered',
      reply: await handleCommand(dependencies, context, { kind: 'subscriptions' }, hooks),
    };
  const replies: Reply[] = [];
  for (const command of commands) {
    const reply = await handleCommand(dependencies, context, command, hooks);
    replies.push(reply);
    if (reply.outcome !== 'ok') return { kind: 'answered', reply };
  }
  const [first, ...rest] = replies;
  if (!first || rest.length === 0) return { kind: 'answered', reply: first ?? apology() };
  const { fallback: _, ...body } = first.card;
  const card = withFallback({ ...body, notices: replies.flatMap((reply) => reply.card.notices) });
  return { kind: 'answered', reply: { ...first, card, command: 'subscribe' } };
}
