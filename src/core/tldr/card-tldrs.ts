import type { Card, PaperItem } from '../cards/card.js';
import { isEnglish } from '../language.js';
import type { StoredTldr } from './tldr-ports.js';

/**
 * True when a model's TL;DR would serve this item better than what it shows: anything but Hugging Face's AI
 * summary, which is written in English and so serves only English-reading channels.
 */
export const wantsModelTldr = (item: PaperItem, language: string): boolean =>
  item.summaryKind !== 'model' && !(item.summaryKind === 'hf' && isEnglish(language));

/** The papers of a card that want a model's TL;DR in `language`, each once. */
export const papersWantingTldrs = (card: Card, language: string): string[] => [
  ...new Set(card.items.filter((item) => wantsModelTldr(item, language)).map((item) => item.id)),
];

/**
 * The card with the stored TL;DRs in place of the summaries they serve better (`wantsModelTldr`), marked as a
 * model's; every other item is left as it is, so a paper without one keeps Hugging Face's or the abstract's.
 *
 * @example
 * withTldrs(card, new Map([['2606.00467', { text: 'LoRA-Tune passt Ränge an.', model: 'm' }]]), 'de');
 */
export function withTldrs(card: Card, tldrs: ReadonlyMap<string, StoredTldr>, language: string): Card {
  let changed = false;
  const items = card.items.map((item) => {
    const tldr = tldrs.get(item.id);
    if (!tldr || !wantsModelTldr(item, language)) return item;
    changed = true;
    return { ...item, summary: tldr.text, summaryKind: 'model' as const };
  });
  return changed ? { ...card, items } : card;
}
