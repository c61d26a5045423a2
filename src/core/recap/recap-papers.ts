import type { FeedbackCounts } from '../cards/card.js';
import type { ChannelRef } from '../channel.js';
import type { Paper } from '../paper.js';
import type { SubscriptionTerm } from '../subscriptions/term.js';

/** A paper the channel saved or liked during the week, with how many did so then, and its counts so far. */
export interface TeamPick {
  paper: Paper;
  /** People who saved it during the week. */
  saves: number;
  /** People who marked it relevant during the week (and still do). */
  likes: number;
  /** Everything the channel said about it so far, as its card shows it. */
  counts: FeedbackCounts;
}

/**
 * The queries a weekly recap is built from.
 *
 * @example
 * const picks = await recapPapers.teamPicks({ channel, from: weekStart, to: dueAt, limit: 5 });
 * const unseen = await recapPapers.unseenTrending({ channel, firstDay: '2026-06-13', lastDay: '2026-06-19',
 *   minUpvotes: 0, excluded: [], limit: 5 });
 */
export interface RecapPapers {
  /**
   * The papers people of the channel saved or marked relevant in (`from`, `to`], by how many people did
   * either (saves and likes added), then saves, then id. 👎 counts for nothing here.
   */
  teamPicks(query: { channel: ChannelRef; from: Date; to: Date; limit: number }): Promise<TeamPick[]>;
  /**
   * The most upvoted papers of the Daily-Papers days in [`firstDay`, `lastDay`] (ties by id), at least
   * `minUpvotes`, without the `excluded` terms' papers, that the channel has not seen: never delivered to it
   * and never given feedback there.
   */
  unseenTrending(query: {
    channel: ChannelRef;
    firstDay: string;
    lastDay: string;
    minUpvotes: number;
    excluded: SubscriptionTerm[];
    limit: number;
  }): Promise<Paper[]>;
}
