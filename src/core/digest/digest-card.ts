import { paperListCard } from '../cards/build-cards.js';
import type { Card, SeenLine } from '../cards/card.js';
import type { Digest } from './build-digest.js';
import { seenLineText, sharedLine, sinceLine } from './seen-lines.js';

/** One formatter for every card: `toLocaleDateString` builds a new one per call, a cost per digest. */
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `Fri 12 Jun 2026` for a `YYYY-MM-DD` day. */
export function formatDay(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(noon.getTime()) ? day : dayFormat.format(noon);
}

/**
 * The card a digest is posted as: trending papers first, then subscription matches marked with their term.
 * An empty digest gives the "no new papers" card, or null when the channel asked for silence on empty days.
 * Every paper carries the feedback controls.
 */
export function digestCard(digest: Digest, options: { postWhenEmpty: boolean; late?: boolean }): Card | null {
  const seen = seenLinesOf(digest);
  if (digest.items.length === 0 && seen.length === 0 && !options.postWhenEmpty) return null;
  const trending = digest.items.filter((item) => item.reason === 'trending').length;
  const matched = digest.items.length - trending;
  const shown = seen.filter((line) => line.kind === 'shared').length;
  const parts = [
    digest.day ? `Daily Papers of ${formatDay(digest.day)}` : null,
    trending > 0 && digest.learnedFrom !== undefined
      ? `${trending} picked from your votes and upvotes`
      : null,
    trending > 0 && digest.learnedFrom === undefined ? `${trending} trending` : null,
    matched > 0 ? `${matched} matching your subscriptions` : null,
    shown > 0 ? `${shown} a teammate shared` : null,
    options.late ? 'late: paperboy was down at the scheduled time' : null,
  ].filter((part): part is string => part !== null);
  const listed = paperListCard('Your paper digest', parts.join(' · ') || undefined, digest.items, {
    emptyText: 'No new papers today.',
  });
  const card = withSeenLines(listed, seen);
  if (card.items.length === 0) return card;
  // The same order as the digest's items: a learned pick says why it was chosen.
  const items = card.items.map((item, index) => {
    const because = digest.items[index]?.because;
    return because === undefined ? item : { ...item, because };
  });
  // Counts start at zero: a digest never repeats a paper; votes redraw them in place.
  return { ...card, items, feedback: true };
}

/** The digest's "shared by" lines, then its "since you saw it" lines. */
export function seenLinesOf(digest: Pick<Digest, 'shared' | 'updates'>): SeenLine[] {
  return [
    ...(digest.shared ?? []).map((entry) => sharedLine(entry.item, entry.share)),
    ...(digest.updates ?? []).map(sinceLine),
  ];
}

/** The card with these seen lines, also in its plain-text fallback. */
export function withSeenLines(card: Card, seen: SeenLine[]): Card {
  if (seen.length === 0) return card;
  return { ...card, seen, fallback: [card.fallback, ...seen.map((line) => seenLineText(line))].join('\n') };
}
