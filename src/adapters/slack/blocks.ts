import type { Card } from '../../core/cards/card.js';
import { sanitizeCard } from '../../core/cards/sanitize.js';
import type { PostedPart } from '../../core/delivery/poster.js';
import {
  fallbackText,
  fitsOneMessage,
  groupUnits,
  headUnits,
  type Packed,
  pack,
  type SlackMessage,
  tailUnits,
  toMessages,
  type Unit,
} from './block-units.js';
import { fullItemUnits, linkItemUnit, listItemUnit } from './paper-blocks.js';
import { seenUnits } from './seen-blocks.js';

export { ACTION_IDS, type SlackMessage } from './block-units.js';
export { FEEDBACK_ACTION_ID } from './paper-blocks.js';
export { SLACK_LIMITS } from './slack-limits.js';

/**
 * A message of a digest; `threadOf` is the index of the earlier post it replies to in a thread, or null. `shown`
 * is what it shows, kept with the post so that `renderShown(shown)` draws the same message again with new
 * counts; absent on a post that shows no paper's counts (the rest of a long abstract, notices on their own).
 */
export interface SlackPost {
  message: SlackMessage;
  threadOf: number | null;
  shown?: PostedPart;
}

/**
 * A card part as it is stored with a post: the list number of its first paper, since a part that continues a
 * list does not start at 1. Carried inside the stored card (JSON), read back by `renderShown`.
 */
type ShownCard = Card & { slackFirstNumber?: number };

/**
 * A card as Slack messages, all top-level (a command's answer): one message when it fits, else several, with
 * the header on the first and the buttons on the last. A card with a single paper shows it in full (abstract
 * and links). With `feedback`, each paper has its 👍 👎 🔖 menu and shows its counts. Seen lines ("Already shared
 * here", "Since you saw it") follow the papers.
 */
export function renderCard(card: Card): SlackMessage[] {
  const clean = sanitizeCard(card);
  const feedback = clean.feedback === true;
  const items: Unit[] =
    clean.items.length === 1 && clean.items[0]
      ? fullItemUnits(clean.items[0], 0, feedback)
      : clean.items.map((item, index) => listItemUnit(item, index + 1, index, feedback));
  const messages = pack(clean, [...items, ...seenUnits(clean), ...tailUnits(clean)]).map(
    (packed) => packed.message,
  );
  return messages.length === 1 && messages[0]
    ? [{ ...messages[0], text: fallbackText(clean.fallback) }]
    : messages;
}

/**
 * A digest as the posts that make it. With `threads`, the top-level messages list the papers and each paper's
 * abstract and links go as a reply in the thread of the message that lists it; without, every message is
 * top-level, as `renderCard` draws them. Each post that shows papers says which (`shown`), for redrawing.
 */
export function renderPosts(card: Card, options: { threads: boolean }): SlackPost[] {
  const clean = sanitizeCard(card);
  const feedback = clean.feedback === true;
  const [only] = clean.items;
  if (!only) return renderCard(card).map((message) => ({ message, threadOf: null }));
  if (!options.threads && clean.items.length === 1) {
    const packed = pack(clean, [
      ...fullItemUnits(only, 0, feedback),
      ...seenUnits(clean),
      ...tailUnits(clean),
    ]);
    const raw = packed.length === 1 ? clean.fallback : (packed[0]?.raw ?? '');
    return detailPosts(packed, { ...clean, fallback: raw }, null);
  }
  const { posts: parents, parentOf } = listPosts(clean, options.threads);
  if (!options.threads) return parents;
  const replies = clean.items.flatMap((item, index) => {
    const replyCard = { ...clean, ...NO_FRAME, items: [item] };
    const packed = pack(replyCard, fullItemUnits(item, 0, feedback), `${item.title} — ${item.url}`);
    return detailPosts(packed, { ...replyCard, fallback: packed[0]?.raw ?? '' }, parentOf[index] ?? 0);
  });
  return [...parents, ...replies];
}

const NO_FRAME = {
  header: '',
  subheader: undefined,
  notices: [],
  footer: undefined,
  actions: [],
  seen: undefined,
};

/**
 * Draws a post again from what it shows (with the counts its card now carries): the same blocks as when it was
 * posted, only the counts differ. Packing measured every paper with its counts at their widest, so the message
 * still fits and still holds the same papers.
 */
export function renderShown(shown: PostedPart): SlackMessage {
  const clean: ShownCard = sanitizeCard(shown.card);
  const feedback = clean.feedback === true;
  const [first] = clean.items;
  if (!first) return renderCard(shown.card)[0] ?? { text: 'paperboy', blocks: [] };
  if (shown.perPaper) {
    const units = [...fullItemUnits(first, 0, feedback), ...seenUnits(clean), ...tailUnits(clean)];
    const [packed] = pack(clean, units);
    return { text: fallbackText(clean.fallback), blocks: packed?.message.blocks ?? [] };
  }
  const start = firstNumber(shown.card);
  const units = [
    ...headUnits(clean),
    ...clean.items.map((item, index) => listItemUnit(item, start + index, index, feedback)),
    ...seenUnits(clean),
    ...tailUnits(clean),
  ];
  return { text: fallbackText(clean.fallback), blocks: units.flatMap((unit) => unit.blocks) };
}

const firstNumber = (card: ShownCard): number => {
  const number = card.slackFirstNumber;
  return typeof number === 'number' && Number.isInteger(number) && number >= 1 ? number : 1;
};

/**
 * The list of a card's papers as top-level posts: the header first, then the papers, then the seen lines, notices,
 * footer and buttons, in the last list message when they all fit there, else in messages of their own. Without threads, a
 * list in one message has the card's own fallback text, as `renderCard` gives it.
 */
function listPosts(clean: Card, threads: boolean): { posts: SlackPost[]; parentOf: number[] } {
  const feedback = clean.feedback === true;
  const groups = groupUnits([
    ...headUnits(clean),
    ...clean.items.map((item, index) => listItemUnit(item, index + 1, index, feedback)),
  ]);
  const tail = [...seenUnits(clean), ...tailUnits(clean)];
  const last = groups.at(-1) ?? [];
  const tailFits = tail.length === 0 || fitsOneMessage([...last, ...tail]);
  if (tailFits) last.push(...tail);
  const tailGroups = tailFits ? [] : groupUnits(tail);
  const packed = toMessages([...groups, ...tailGroups], clean.header);
  const parentOf: number[] = [];
  packed.forEach((part, index) => {
    for (const item of part.items) parentOf[item] = index;
  });
  const posts = packed.map((part, index): SlackPost => {
    const message =
      !threads && packed.length === 1
        ? { ...part.message, text: fallbackText(clean.fallback) }
        : part.message;
    if (index >= groups.length || part.items.length === 0) return { message, threadOf: null };
    const withTail = tailFits && index === groups.length - 1;
    const card: ShownCard = {
      ...clean,
      ...(index === 0 ? {} : { header: '', subheader: undefined }),
      items: part.items.flatMap((item) => clean.items[item] ?? []),
      ...(withTail ? {} : { notices: [], footer: undefined, actions: [], seen: undefined }),
      fallback: !threads && packed.length === 1 ? clean.fallback : part.raw,
      slackFirstNumber: (part.items[0] ?? 0) + 1,
    };
    return { message, threadOf: null, ...shownIf(clean, { card, perPaper: false }) };
  });
  return { posts, parentOf };
}

/** What a post shows is kept only for cards with feedback: the others show no counts to redraw. */
const shownIf = (card: Card, shown: PostedPart): { shown?: PostedPart } =>
  card.feedback === true ? { shown } : {};

/** One paper's details as posts: the first shows the paper (its head, and counts); the rest continue it. */
function detailPosts(packed: Packed[], card: Card, threadOf: number | null): SlackPost[] {
  return packed.map((part, index) =>
    index === 0
      ? {
          message: { ...part.message, text: fallbackText(card.fallback) },
          threadOf,
          ...shownIf(card, { card, perPaper: true }),
        }
      : { message: part.message, threadOf },
  );
}

/** A link card as Slack shows it under a shared link (`chat.unfurl`): the blocks of each URL's attachment. */
export interface SlackUnfurl {
  blocks: SlackMessage['blocks'];
}

/**
 * A shared paper's card as the compact attachment of an unfurl: its title linked, upvotes, date, code and stars,
 * the one-line summary, then authors and counts, with the 👍 👎 🔖 menu beside it (the same controls and values
 * as a digest's papers, so a click goes through the feedback listener). A card without a paper gives no blocks.
 */
export function renderUnfurl(card: Card): SlackUnfurl {
  const clean = sanitizeCard(card);
  const [item] = clean.items;
  return { blocks: item ? linkItemUnit(item, clean.feedback === true).blocks : [] };
}
