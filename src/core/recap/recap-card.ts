import { paperListCard } from '../cards/build-cards.js';
import type { Card, PaperItem } from '../cards/card.js';
import { withFallback } from '../cards/card-fallback.js';
import { formatDay } from '../digest/digest-card.js';
import type { Recap } from './build-recap.js';
import type { TeamPick } from './recap-papers.js';

/** What the one-line card of a week with nothing to show says. */
export const EMPTY_RECAP_TEXT =
  'Nothing to recap this week: nobody here saved or liked a paper, and there are no Hugging Face papers this channel has not seen.';

const people = (count: number): string => (count === 1 ? 'one of you' : `${count} of you`);

/** `2 of you saved it and one liked it this week`: why a paper of the channel's own is in its recap. */
export function teamReason(pick: Pick<TeamPick, 'saves' | 'likes'>): string {
  const { saves, likes } = pick;
  if (saves > 0 && likes > 0) {
    return `${people(saves)} saved it and ${likes === 1 ? 'one' : likes} liked it this week`;
  }
  return saves > 0 ? `${people(saves)} saved it this week` : `${people(likes)} liked it this week`;
}

const UNSEEN_REASON = "one of the week's most upvoted on Hugging Face, new here";

/**
 * The card a weekly recap is posted as: the papers the channel saved and liked during the week (each says how
 * many of them did), then the week's most upvoted Hugging Face papers it has not seen. Every paper carries the
 * feedback controls and its counts so far. A week with nothing to show gives one line, or null when the
 * channel asked for silence on empty days (`empty:off`).
 */
export function recapCard(recap: Recap, options: { postWhenEmpty: boolean; late?: boolean }): Card | null {
  const empty = recap.team.length === 0 && recap.unseen.length === 0;
  if (empty && !options.postWhenEmpty) return null;
  const parts = [
    `Week to ${formatDay(recap.weekEnds)}`,
    recap.team.length > 0 ? `${recap.team.length} saved or liked here` : null,
    recap.unseen.length > 0 ? `${recap.unseen.length} most upvoted you have not seen` : null,
    options.late ? 'late: paperboy was down at the scheduled time' : null,
  ].filter((part): part is string => part !== null);
  const card = paperListCard(
    'Your weekly recap',
    parts.join(' · '),
    [...recap.team.map((pick) => pick.paper), ...recap.unseen],
    { emptyText: EMPTY_RECAP_TEXT },
  );
  if (empty) return card;
  const items: PaperItem[] = card.items.map((item, index) => {
    const pick = recap.team[index];
    return pick
      ? { ...item, counts: pick.counts, because: teamReason(pick) }
      : { ...item, counts: { relevant: 0, saved: 0 }, because: UNSEEN_REASON };
  });
  const { fallback: _, ...body } = card;
  return withFallback({
    ...body,
    items,
    feedback: true,
    ...(recap.team.length === 0
      ? {
          footer:
            'Nothing was saved or liked here this week. Click 🔖 or 👍 on a paper and it shows up in the next recap.',
        }
      : {}),
  });
}
