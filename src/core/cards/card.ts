/**
 * The neutral message paperboy answers with. Each platform renders it its own way (Block Kit, embeds, the
 * terminal); `fallback` is the plain-text version for notifications and clients that show no rich content.
 *
 * @example
 * const card: Card = {
 *   header: 'Daily Papers · 2026-06-12',
 *   items: [paperItem],
 *   notices: [],
 *   actions: [{ kind: 'nextPage', label: 'Next', value: 'topic:lora|1' }],
 *   fallback: 'Daily Papers · 2026-06-12\n1. Helix: Sparse Attention for Genome-Scale DNA Language Models https://huggingface.co/papers/2606.93392',
 * };
 */
export interface Card {
  header: string;
  /** A short line under the header, e.g. which Daily-Papers day a digest covers. */
  subheader?: string;
  items: PaperItem[];
  notices: Notice[];
  footer?: string;
  actions: CardAction[];
  /**
   * When true, every item carries the three feedback controls (relevant, not relevant, save), whose values come
   * from `feedbackValue(kind, item.id)`, and shows its counts.
   */
  feedback?: boolean;
  /**
   * Papers the channel already knows, each in one compact line after the items: shared by a teammate, or posted
   * before and gaining traction since ("since you saw it").
   */
  seen?: SeenLine[];
  fallback: string;
}

/**
 * A paper the channel already knows, in one line: `shared` by a teammate (who, when, the message), or `since`
 * paperboy posted it, with what is new (`42 upvotes on Daily Papers · code`) and the original message.
 */
export interface SeenLine {
  kind: 'shared' | 'since';
  paperId: string;
  /** Untrusted: escaped by the renderer. */
  title: string;
  url: string;
  /** `shared`: the platform user id of who shared it (renderers mention them). */
  sharedBy?: string;
  /** `YYYY-MM-DD`: when it was shared, or when paperboy posted it. */
  day: string;
  /** The message in this channel it was shared in or posted as; `link` is filled in by the platform's poster. */
  message: { id: string | null; link: string | null } | null;
  /** `since`: what changed, e.g. `42 upvotes on Daily Papers · code`. */
  news?: string;
}

export interface Notice {
  tone: 'info' | 'success' | 'warning' | 'error';
  text: string;
  /** A correct example to show after an error, e.g. `/papers schedule 09:30 Europe/Berlin weekdays`. */
  example?: string;
}

/**
 * A button under a card. `nextPage` and `share` page and share search results; `editSettings` opens the
 * platform's settings form for the channel (Slack's modal, Discord's components; the console has none and shows
 * no button).
 */
export interface CardAction {
  kind: 'nextPage' | 'share' | 'editSettings';
  label: string;
  /** Opaque to the platform; the core reads it back when the action is clicked. */
  value: string;
}

/** One paper as shown in a card. All text is untrusted and must be escaped by the renderer. */
export interface PaperItem {
  id: string;
  title: string;
  /** The Hugging Face page, or the arXiv page when HF has none. */
  url: string;
  upvotes: number | null;
  comments: number | null;
  /** First three authors, then "et al.". */
  authors: string;
  /** `YYYY-MM-DD`: the Daily-Papers day, else the publication date. */
  date: string | null;
  code: { url: string; stars: number | null } | null;
  /**
   * One line: a TL;DR. Hugging Face's AI summary, else one a language model wrote for the channel's language,
   * else the sentence of the abstract that best says what the paper does; cut at a word boundary.
   */
  summary: string;
  /** Which kind `summary` is, for the label beside it; absent on cards stored before there were kinds. */
  summaryKind?: SummaryKind;
  /** The subscription term that matched, e.g. `"diffusion transformer"`. */
  matchedTerm: string | null;
  /** The full abstract, for thread replies and detail views. */
  abstract: string;
  links: { label: string; url: string }[];
  /** What the channel said about it so far; absent until the card is shown with feedback. */
  counts?: FeedbackCounts;
  /** On a reading list: the platform user ids of who saved it, most recent first (renderers mention them). */
  savedBy?: string[];
  /**
   * Why a learned ranking chose it, in one short line (`like "LoRA-Tune", which 3 of you saved`); untrusted text
   * (it quotes titles).
   */
  because?: string;
}

/** `hf`: Hugging Face's AI summary; `model`: one paperboy's language model wrote; `abstract`: a sentence of the abstract. */
export type SummaryKind = 'hf' | 'model' | 'abstract';

/** The label a card shows beside a summary, so readers know whether a model or the authors wrote it. */
export const SUMMARY_LABELS: Readonly<Record<SummaryKind, string>> = {
  hf: 'AI summary (Hugging Face)',
  model: 'AI summary',
  abstract: 'from the abstract',
};

/** The label for an item's summary, or null for a card stored before summaries had kinds (or no summary). */
export const summaryLabel = (item: Pick<PaperItem, 'summary' | 'summaryKind'>): string | null =>
  item.summary !== '' && item.summaryKind !== undefined ? SUMMARY_LABELS[item.summaryKind] : null;

/** How many people of a channel found a paper relevant, and how many saved it. Who voted 👎 is never shown. */
export interface FeedbackCounts {
  relevant: number;
  saved: number;
}

/**
 * How an answer ended: `ok`; `user_error`, the command or its values were wrong (the card says how to fix it);
 * `refused`, a check before answering said no (admins only, a button that no longer works); `failed`, something
 * broke on our side (the card apologises, the log has the details).
 */
export type ReplyOutcome = 'ok' | 'user_error' | 'refused' | 'failed';

/** What the core answers a command or a click with; `ephemeral` replies are shown only to the person who asked. */
export interface Reply {
  card: Card;
  visibility: 'ephemeral' | 'channel';
  outcome: ReplyOutcome;
  /** What was answered: the command's kind, or the button's; absent when the text was not a command. */
  command?: string;
  /** A file that goes with the answer (a reading list's export); platforms attach it, the terminal prints it. */
  file?: ReplyFile;
}

export interface ReplyFile {
  /** `reading-list.bib` */
  name: string;
  mimeType: string;
  content: string;
}
