import {
  emptyCard,
  noticeCard,
  paperDetailCard,
  paperListCard,
  searchResultsCard,
} from '../cards/build-cards.js';
import type { Reply } from '../cards/card.js';
import { decodePageToken, type PageToken } from '../cards/page-token.js';
import type { Channel } from '../channel.js';
import type { Command } from '../commands/command.js';
import { describeCommandError } from '../commands/command-error.js';
import { helpLines } from '../commands/help-text.js';
import { parseCommand } from '../commands/parse-command.js';
import { daysEndingOn, utcDay } from '../days.js';
import { formatDay } from '../digest/digest-card.js';
import { describeSchedule } from '../schedule/describe-schedule.js';
import { validateSchedule } from '../schedule/schedule-plan.js';
import { SEARCH_LIMIT } from '../search.js';
import { parseSince } from '../since.js';
import type { BotDependencies, CommandContext } from './bot-dependencies.js';
import type { CommandOutcome } from './bot-observer.js';
import { postDigestNow } from './post-digest-now.js';
import { settingsCard, subscriptionsCard } from './settings-card.js';
import { subscribe, unsubscribe } from './subscribe.js';

const SEARCH_PAGE_SIZE = 5;
const LIST_SIZE = 10;

const ephemeral = (card: Reply['card']): Reply => ({ card, visibility: 'ephemeral' });

/**
 * Answers what a user typed after `/papers`. Never throws: a mistake in the command gets a short error with
 * a correct example, and a failure on our side gets an apology while the details go to the log.
 *
 * @example
 * const reply = await handleText(dependencies, { channel, now: new Date() }, 'topic:lora since:7d');
 */
export async function handleText(
  dependencies: BotDependencies,
  context: CommandContext,
  text: string,
): Promise<Reply> {
  const parsed = parseCommand(text);
  if (!parsed.ok) {
    const { message, example } = describeCommandError(parsed.error);
    return ephemeral(noticeCard({ tone: 'error', text: message, example }));
  }
  return handleCommand(dependencies, context, parsed.value);
}

/** Answers a button: `nextPage` shows the next page to the clicker, `share` posts the page to the channel. */
export async function handleAction(
  dependencies: BotDependencies,
  context: CommandContext,
  action: { kind: 'nextPage' | 'share'; value: string },
): Promise<Reply> {
  const token = decodePageToken(action.value);
  if (!token) {
    return ephemeral(
      noticeCard({
        tone: 'warning',
        text: 'That button has expired. Run the search again.',
        example: '/papers lora',
      }),
    );
  }
  const reply = await guarded(dependencies, context, action.kind, () =>
    searchPage(dependencies, context, token),
  );
  return action.kind === 'share' ? { ...reply, visibility: 'channel' } : reply;
}

export async function handleCommand(
  dependencies: BotDependencies,
  context: CommandContext,
  command: Command,
): Promise<Reply> {
  return guarded(dependencies, context, command.kind, () => answer(dependencies, context, command));
}

async function guarded(
  dependencies: BotDependencies,
  context: CommandContext,
  command: string,
  work: () => Promise<Reply>,
): Promise<Reply> {
  const started = performance.now();
  try {
    const reply = await (dependencies.answerLimit ? dependencies.answerLimit(work) : work());
    const refused =
      reply.visibility === 'ephemeral' && reply.card.notices.some((notice) => notice.tone === 'error');
    observe(dependencies, context, command, refused ? 'user_error' : 'ok', started);
    return reply;
  } catch (error) {
    observe(dependencies, context, command, 'failed', started);
    dependencies.logger.error('command failed', { error });
    return ephemeral(
      noticeCard({ tone: 'error', text: 'Something went wrong on our side. Please try again in a minute.' }),
    );
  }
}

async function answer(
  dependencies: BotDependencies,
  context: CommandContext,
  command: Command,
): Promise<Reply> {
  const { channels, subscriptions, catalog, digestPapers } = dependencies;
  switch (command.kind) {
    case 'search':
      return searchPage(dependencies, context, {
        query: command.query,
        page: command.page ?? 0,
        pageSize: command.limit ?? SEARCH_PAGE_SIZE,
        ...(command.sort ? { sort: command.sort } : {}),
        ...(command.since ? { since: command.since } : {}),
      });
    case 'today':
    case 'week': {
      const day = await digestPapers.latestDailyDay(utcDay(context.now));
      if (!day) return ephemeral(emptyCard('Daily Papers', 'No Daily Papers are stored yet.'));
      const first = command.kind === 'week' ? (daysEndingOn(day, 7).at(-1) ?? day) : day;
      const papers = await catalog.topOfDays(first, day, LIST_SIZE);
      const title =
        command.kind === 'week'
          ? `Daily Papers, week to ${formatDay(day)}`
          : `Daily Papers · ${formatDay(day)}`;
      return ephemeral(paperListCard(title, 'Most upvoted first', papers));
    }
    case 'paper': {
      const paper =
        (await catalog.getPaper(command.id)) ?? (await dependencies.fetchPaper?.(command.id)) ?? null;
      if (paper) return ephemeral(paperDetailCard(paper));
      return ephemeral(
        noticeCard({
          tone: 'info',
          text: `paperboy does not know paper ${command.id}. Check the id, or try again after the next ingest.`,
          example: '/papers paper 2606.93392',
        }),
      );
    }
    case 'subscribe':
      return ephemeral(
        await subscribe(dependencies, await channels.ensure(context.channel), command.terms, context.now),
      );
    case 'unsubscribe':
      return ephemeral(await unsubscribe(dependencies, context.channel, command.terms));
    case 'subscriptions':
      return ephemeral(subscriptionsCard(await subscriptions.list(context.channel)));
    case 'schedule':
    case 'scheduleOff':
      return ephemeral(
        await changeSchedule(dependencies, await channels.ensure(context.channel), command, context.now),
      );
    case 'config': {
      const channel = await channels.ensure(context.channel);
      const updated = await channels.updateSettings(
        channel,
        { ...channel.settings, ...command.changes },
        context.now,
      );
      return ephemeral(settingsCard(updated, await subscriptions.list(channel), context.now));
    }
    case 'settings': {
      const channel = await channels.ensure(context.channel);
      return ephemeral(settingsCard(channel, await subscriptions.list(channel), context.now));
    }
    case 'digest':
      return postDigestNow(dependencies, await channels.ensure(context.channel), context.now);
    case 'help':
      return ephemeral(noticeCard({ tone: 'info', text: helpLines().join('\n') }, 'paperboy commands'));
  }
}

async function searchPage(
  dependencies: BotDependencies,
  context: CommandContext,
  token: PageToken,
): Promise<Reply> {
  const pageSize = Math.min(Math.max(token.pageSize, SEARCH_LIMIT.min), SEARCH_LIMIT.max);
  const since = token.since ? parseSince(token.since, context.now) : undefined;
  const results = await dependencies.search.search(
    {
      query: token.query,
      limit: pageSize,
      offset: token.page * pageSize,
      ...(token.sort ? { sort: token.sort } : {}),
      ...(since?.ok ? { since: since.value } : {}),
    },
    context.now,
  );
  return ephemeral(searchResultsCard(results, { ...token, pageSize }));
}

async function changeSchedule(
  dependencies: BotDependencies,
  channel: Channel,
  command: Extract<Command, { kind: 'schedule' | 'scheduleOff' }>,
  now: Date,
): Promise<Reply['card']> {
  const schedule =
    command.kind === 'scheduleOff'
      ? { ...channel.settings.schedule, enabled: false }
      : { enabled: true, time: command.time, timezone: command.timezone, days: command.days };
  const valid = validateSchedule(schedule);
  if (!valid.ok) {
    return noticeCard({
      tone: 'error',
      text: valid.error,
      example: '/papers schedule 09:30 Europe/Berlin weekdays',
    });
  }
  const updated = await dependencies.channels.updateSettings(
    channel,
    { ...channel.settings, schedule: valid.value },
    now,
  );
  const text = updated.settings.schedule.enabled
    ? `Digest scheduled: ${describeSchedule(updated.settings.schedule, now)}.`
    : 'The daily digest is off. Turn it back on with /papers schedule 09:00 UTC weekdays.';
  return noticeCard({ tone: 'success', text });
}

function observe(
  dependencies: BotDependencies,
  context: CommandContext,
  command: string,
  outcome: CommandOutcome,
  started: number,
): void {
  dependencies.observer?.commandAnswered({
    platform: context.channel.platform,
    command,
    outcome,
    durationMs: performance.now() - started,
  });
}
