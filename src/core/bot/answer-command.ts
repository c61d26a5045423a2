import {
  emptyCard,
  noticeCard,
  paperDetailCard,
  paperListCard,
  searchResultsCard,
} from '../cards/build-cards.js';
import type { Reply } from '../cards/card.js';
import type { PageToken } from '../cards/page-token.js';
import { type Channel, channelKey } from '../channel.js';
import type { Command } from '../commands/command.js';
import { describeCommandError, scheduleError } from '../commands/command-error.js';
import { helpLines } from '../commands/help-text.js';
import { daysEndingOn, utcDay } from '../days.js';
import { formatDay } from '../digest/digest-card.js';
import { answerQuestion } from '../questions/answer-question.js';
import { describeRecap } from '../schedule/describe-recap.js';
import { describeSchedule } from '../schedule/describe-schedule.js';
import { validateSchedule } from '../schedule/schedule-plan.js';
import { SEARCH_LIMIT } from '../search.js';
import { parseSince } from '../since.js';
import { answerSaved } from './answer-saved.js';
import type { BotDependencies, CommandContext } from './bot-dependencies.js';
import { channelVotes } from './channel-votes.js';
import { withFeedback } from './feedback-card.js';
import { portableActions } from './portable-actions.js';
import { postDigestNow } from './post-digest-now.js';
import { previewDigest } from './preview-digest.js';
import { answered, userError } from './replies.js';
import { settingsCard, subscriptionsCard } from './settings-card.js';
import { subscribe, unsubscribe } from './subscribe.js';
import { whyPaper } from './why-paper.js';

const SEARCH_PAGE_SIZE = 5;
const LIST_SIZE = 10;

/** The answer to a command that was read without mistakes; failures propagate to the caller's one catch. */
export async function answerCommand(
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
      if (!day) return answered(emptyCard('Daily Papers', 'No Daily Papers are stored yet.'));
      const first = command.kind === 'week' ? (daysEndingOn(day, 7).at(-1) ?? day) : day;
      const papers = await catalog.topOfDays(first, day, LIST_SIZE);
      const title =
        command.kind === 'week'
          ? `Daily Papers, week to ${formatDay(day)}`
          : `Daily Papers · ${formatDay(day)}`;
      return answered(
        await withFeedback(
          paperListCard(title, 'Most upvoted first', papers),
          dependencies.feedback,
          context.channel,
        ),
      );
    }
    case 'paper': {
      const paper =
        (await catalog.getPaper(command.id)) ?? (await dependencies.fetchPaper?.(command.id)) ?? null;
      if (paper)
        return answered(await withFeedback(paperDetailCard(paper), dependencies.feedback, context.channel));
      return answered(
        noticeCard({
          tone: 'info',
          text: `paperboy does not know paper ${command.id}. Check the id, or try again after the next ingest.`,
          example: '/papers paper 2606.93392',
        }),
      );
    }
    case 'subscribe':
      return subscribe(dependencies, await channels.ensure(context.channel), command.terms, context.now);
    case 'unsubscribe':
      return unsubscribe(dependencies, context.channel, command.terms);
    case 'subscriptions':
      return answered(subscriptionsCard(await subscriptions.list(context.channel)));
    case 'schedule':
    case 'scheduleOff':
      return changeSchedule(dependencies, await channels.ensure(context.channel), command, context.now);
    case 'config': {
      const channel = await channels.ensure(context.channel);
      const updated = await channels.updateSettings(
        channel,
        { ...channel.settings, ...command.changes },
        context.now,
      );
      const votes = await channelVotes(dependencies, channel);
      return answered(settingsCard(updated, await subscriptions.list(channel), context.now, votes));
    }
    case 'settings': {
      const channel = await channels.ensure(context.channel);
      const votes = await channelVotes(dependencies, channel);
      return answered(settingsCard(channel, await subscriptions.list(channel), context.now, votes));
    }
    case 'digest':
      return postDigestNow(dependencies, await channels.ensure(context.channel), context.now);
    case 'preview':
      return previewDigest(dependencies, await channels.ensure(context.channel), context.now);
    case 'why':
      return whyPaper(dependencies, await channels.ensure(context.channel), command.id, context.now);
    case 'help':
      return answered(noticeCard({ tone: 'info', text: helpLines().join('\n') }, 'paperboy commands'));
    case 'saved':
      return answerSaved(dependencies, context, command);
    case 'unsave':
      return unsave(dependencies, context, command.id);
    case 'scheduleRecap':
    case 'recapOff':
      return changeRecap(dependencies, await channels.ensure(context.channel), command, context.now);
    case 'ask':
      return askCommand(dependencies, context, command.question);
  }
}

/**
 * `/papers ask <paper> <question>`: a slash command names no thread (Slack sends none), so the question names
 * its paper. The answer is for the asker only.
 */
async function askCommand(
  dependencies: BotDependencies,
  context: CommandContext,
  question: string,
): Promise<Reply> {
  if (!dependencies.questions)
    return answered(
      noticeCard({ tone: 'info', text: 'Questions about papers are not answered on this paperboy.' }),
    );
  const reply = await answerQuestion(dependencies.questions, {
    channel: context.channel,
    threadMessageId: null,
    text: question,
    userId: context.userId ?? 'unknown',
    dedupeKey: `command:${channelKey(context.channel)}:${context.now.toISOString()}:${Math.random().toString(36).slice(2)}`,
    now: context.now,
  });
  return {
    ...(reply ?? answered(noticeCard({ tone: 'info', text: 'Answered already.' }))),
    visibility: 'ephemeral',
  };
}

async function unsave(
  dependencies: BotDependencies,
  context: CommandContext,
  paperId: string,
): Promise<Reply> {
  const savers = (await dependencies.feedback?.unsave(context.channel, paperId, context.now)) ?? [];
  if (savers.length === 0) {
    return answered(
      noticeCard({
        tone: 'info',
        text: `${paperId} is not on this channel's reading list.`,
        example: '/papers saved',
      }),
    );
  }
  await dependencies.postedMessages?.countsChanged(context.channel, paperId, context.now);
  const by = savers.length === 1 ? 'one person' : `${savers.length} people`;
  return answered(
    noticeCard({ tone: 'success', text: `Took ${paperId} off the reading list (saved by ${by}).` }),
  );
}

async function changeRecap(
  dependencies: BotDependencies,
  channel: Channel,
  command: Extract<Command, { kind: 'scheduleRecap' | 'recapOff' }>,
  now: Date,
): Promise<Reply> {
  const recap =
    command.kind === 'recapOff'
      ? { ...channel.settings.recap, enabled: false }
      : { enabled: true, weekday: command.weekday, time: command.time, timezone: command.timezone };
  // The recap owes no week that ended before this change (see the recap scheduler).
  await dependencies.channels.updateSettings(channel, { ...channel.settings, recap }, now);
  const text = recap.enabled
    ? `Weekly recap scheduled: ${describeRecap(recap, now)}. It shows the week's most saved and liked papers here, then the week's most upvoted ones this channel has not seen.`
    : 'The weekly recap is off. Turn it on with /papers schedule recap fri 16:00 Europe/Berlin.';
  return answered(noticeCard({ tone: 'success', text }));
}

/** One page of search results, for the asker; its buttons carry what the next page and sharing need. */
export async function searchPage(
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
  const card = await withFeedback(
    searchResultsCard(results, { ...token, pageSize }),
    dependencies.feedback,
    context.channel,
  );
  return answered(await portableActions(card, dependencies.interactionState, context.now));
}

async function changeSchedule(
  dependencies: BotDependencies,
  channel: Channel,
  command: Extract<Command, { kind: 'schedule' | 'scheduleOff' }>,
  now: Date,
): Promise<Reply> {
  const schedule =
    command.kind === 'scheduleOff'
      ? { ...channel.settings.schedule, enabled: false }
      : { enabled: true, time: command.time, timezone: command.timezone, days: command.days };
  const valid = validateSchedule(schedule);
  if (!valid.ok) {
    const { message, example } = describeCommandError(scheduleError(valid.error));
    return userError({ text: message, example });
  }
  const updated = await dependencies.channels.updateSettings(
    channel,
    { ...channel.settings, schedule: valid.value },
    now,
  );
  const text = updated.settings.schedule.enabled
    ? `Digest scheduled: ${describeSchedule(updated.settings.schedule, now)}.`
    : 'The daily digest is off. Turn it back on with /papers schedule 09:00 UTC weekdays.';
  return answered(noticeCard({ tone: 'success', text }));
}
