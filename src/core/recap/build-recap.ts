import type { Channel, ChannelRef } from '../channel.js';
import { daysEndingOn, utcDay } from '../days.js';
import type { Paper } from '../paper.js';
import type { SubscriptionStore } from '../ports.js';
import { latestCompleteDailyPapersDay } from '../schedule/daily-papers-day.js';
import { isValidTimezone, zonedDate } from '../schedule/zoned-time.js';
import type { RecapPapers, TeamPick } from './recap-papers.js';

/** A recap looks back this far from its due time. */
export const RECAP_WEEK_DAYS = 7;
const DAY_MS = 86_400_000;

export interface Recap {
  channel: ChannelRef;
  /** When the recap was due: the end of its week. */
  dueAt: Date;
  /** The local day (`YYYY-MM-DD`, in the recap's timezone) the week ends on. */
  weekEnds: string;
  /** What the channel saved and liked during the week, most first. */
  team: TeamPick[];
  /** The week's most upvoted Hugging Face papers the channel has not seen, most upvoted first. */
  unseen: Paper[];
}

export interface RecapDependencies {
  papers: RecapPapers;
  subscriptions: SubscriptionStore;
}

/**
 * What a channel's weekly recap due at `dueAt` holds: the papers its people saved or liked in the seven days
 * before, then the most upvoted papers of the week's seven Daily-Papers days (the latest complete day at `dueAt`
 * and the six before it) that it has not seen, at least its minimum upvotes and without its excluded terms. Up to
 * the channel's `top` papers in each part. The same store and due time give the same recap, also when it is
 * built late.
 */
export async function buildRecap(
  dependencies: RecapDependencies,
  channel: Channel,
  dueAt: Date,
): Promise<Recap> {
  const { settings } = channel;
  const team = await dependencies.papers.teamPicks({
    channel,
    from: new Date(dueAt.getTime() - RECAP_WEEK_DAYS * DAY_MS),
    to: dueAt,
    limit: settings.top,
  });
  // The week's seven Daily-Papers days end with the latest complete one, whatever the store holds (a store
  // that stopped ingesting has nothing for this week, rather than an old week to show).
  const lastDay = latestCompleteDailyPapersDay(dueAt);
  const excluded = (await dependencies.subscriptions.list(channel)).filter((term) => term.kind === 'exclude');
  const unseen = await dependencies.papers.unseenTrending({
    channel,
    firstDay: daysEndingOn(lastDay, RECAP_WEEK_DAYS).at(-1) ?? lastDay,
    lastDay,
    minUpvotes: settings.minUpvotes,
    excluded,
    limit: settings.top,
  });
  const picked = new Set(team.map((pick) => pick.paper.id));
  return {
    channel: { platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId },
    dueAt,
    weekEnds: isValidTimezone(settings.recap.timezone)
      ? zonedDate(dueAt, settings.recap.timezone)
      : utcDay(dueAt),
    team,
    unseen: unseen.filter((paper) => !picked.has(paper.id)),
  };
}
