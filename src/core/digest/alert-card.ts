import { paperListCard } from '../cards/build-cards.js';
import type { Card } from '../cards/card.js';
import type { SubscriptionMatch } from '../ports.js';

/**
 * Papers an ingest just found that match the channel's subscriptions, each with the term that matched and the
 * feedback controls.
 */
export function alertCard(matches: SubscriptionMatch[]): Card {
  const terms = [...new Set(matches.map((match) => match.term))];
  const card = paperListCard(
    matches.length === 1
      ? 'A new paper matches your subscriptions'
      : `${matches.length} new papers match your subscriptions`,
    `Matched: ${terms.join(', ')}`,
    matches.map((match) => ({ paper: match.paper, matchedTerm: match.term })),
  );
  return { ...card, feedback: true };
}
