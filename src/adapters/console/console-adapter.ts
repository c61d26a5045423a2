import { createInterface } from 'node:readline';
import type { BotDependencies, CommandContext } from '../../core/bot/bot-dependencies.js';
import { handleAction, handleFeedback, handleText } from '../../core/bot/handle-command.js';
import { linkCards } from '../../core/bot/link-cards.js';
import { answered } from '../../core/bot/replies.js';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { Card, CardAction, PaperItem, Reply } from '../../core/cards/card.js';
import { CONSOLE_CHANNEL } from '../../core/channel.js';
import { type FeedbackKind, feedbackValue } from '../../core/feedback/feedback.js';
import { findPaperLinks, withoutPaperLinks } from '../../core/paper-links.js';
import { renderCard } from './render-card.js';

export interface ConsoleAdapterOptions {
  dependencies: BotDependencies;
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  /** Colour and a prompt when a person is at a terminal. */
  interactive: boolean;
  now: () => Date;
}

export interface ConsoleAdapter {
  /** Answers lines until the input ends or the user types `quit`. */
  run(): Promise<void>;
  /** Shows a card as a message posted to the channel (a scheduled digest). */
  post(card: Card): void;
  /** Stops reading input. */
  close(): void;
}

const QUIT = new Set(['quit', 'exit', ':q']);
/** The person at the terminal, as feedback records them. */
const CONSOLE_USER = 'local';
const FEEDBACK_LINE = /^(relevant|not-relevant|notrelevant|save)\s+(\d{1,3})$/;
const FEEDBACK_WORDS: ReadonlyMap<string, FeedbackKind> = new Map([
  ['relevant', 'relevant'],
  ['not-relevant', 'notRelevant'],
  ['notrelevant', 'notRelevant'],
  ['save', 'save'],
]);

/**
 * The channel `console:local` in a terminal: what you type is what would follow `/papers` in Slack (the
 * `/papers` itself is optional), `next` / `share` press the buttons of the last search, and `relevant 2`,
 * `not-relevant 3`, `save 1` give feedback on the papers of the last card, by number. A line of nothing but paper
 * links is a message sharing them: their cards are shown, and the papers count as shared here.
 */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const { dependencies, write, interactive } = options;
  // Created when `run` starts reading, so no line typed (or piped) before then is dropped.
  let lines: ReturnType<typeof createInterface> | undefined;
  const show = (card: Card) => write(`${renderCard(card, { color: interactive })}\n`);
  const prompt = () => {
    if (interactive) write('paperboy> ');
  };
  let lastActions: CardAction[] = [];
  /** The papers of the last card shown, which `relevant 2` and the like refer to by number. */
  let lastItems: PaperItem[] = [];

  async function feedback(kind: FeedbackKind, number: number, context: CommandContext): Promise<Reply> {
    const item = lastItems[number - 1];
    if (!item) {
      const text = `There is no paper ${number} in the last list shown; the numbers are those of the last list.`;
      return answered(noticeCard({ tone: 'info', text, example: 'save 1' }));
    }
    return handleFeedback(dependencies, context, {
      value: feedbackValue(kind, item.id),
      userId: CONSOLE_USER,
    });
  }

  /** The cards of a line that only shares paper links (`https://arxiv.org/abs/2606.00467 hf.co/papers/…`). */
  async function shareLinks(line: string, context: CommandContext): Promise<boolean> {
    const links = findPaperLinks(line);
    // Anything but the links themselves (a word, a number) makes the line a command or a search.
    if (links.length === 0 || /[\p{L}\p{N}]/u.test(withoutPaperLinks(line))) return false;
    const { ready, later } = await linkCards(dependencies, {
      channel: context.channel,
      message: { userId: CONSOLE_USER, messageId: null, link: null },
      urls: links.map((link) => link.url),
      now: context.now,
    });
    if (later) write('(looking papers up on arXiv…)\n');
    const cards = [...ready, ...((await later) ?? [])];
    if (cards.length === 0) {
      show(
        noticeCard({
          tone: 'info',
          text: 'No paper found for those links.',
          example: 'https://arxiv.org/abs/2606.00467',
        }),
      );
      return true;
    }
    for (const { card } of cards) show(card);
    lastActions = [];
    lastItems = cards.flatMap(({ card }) => card.items);
    return true;
  }

  async function respond(line: string): Promise<void> {
    const context = { channel: CONSOLE_CHANNEL, now: options.now(), userId: 'local' };
    if (await shareLinks(line, context)) return;
    const word = line.toLowerCase();
    const wanted = word === 'next' ? 'nextPage' : word === 'share' ? 'share' : null;
    const action = wanted ? lastActions.find((candidate) => candidate.kind === wanted) : undefined;
    const [, feedbackWord = '', number = ''] = FEEDBACK_LINE.exec(word) ?? [];
    const kind = FEEDBACK_WORDS.get(feedbackWord);
    let reply: Reply;
    if (kind) {
      reply = await feedback(kind, Number(number), context);
    } else if (action && wanted) {
      reply = await handleAction(dependencies, context, { kind: wanted, value: action.value });
    } else if (word === 'next' || word === 'share') {
      const text = word === 'next' ? 'There is no next page.' : 'There is nothing to share yet.';
      reply = answered(noticeCard({ tone: 'info', text, example: 'lora since:7d' }));
    } else {
      reply = await handleText(dependencies, context, line.replace(/^\/papers\b/i, ''));
    }
    // A vote, or a `next` or `share` with nothing to act on, answers about the last list: it stays the last.
    const aboutLastList = kind !== undefined || (!action && (word === 'next' || word === 'share'));
    if (!aboutLastList) {
      lastActions = reply.card.actions;
      lastItems = reply.card.items;
    }
    if (reply.visibility === 'channel') write('(posted to the channel)\n');
    show(reply.card);
    if (reply.file) write(`── ${reply.file.name} ──\n${reply.file.content}── end of ${reply.file.name} ──\n`);
  }

  return {
    async run() {
      lines = createInterface({ input: options.input, terminal: false });
      prompt();
      for await (const raw of lines) {
        const line = raw.trim();
        if (QUIT.has(line.toLowerCase())) break;
        if (line !== '') await respond(line);
        prompt();
      }
      lines.close();
    },
    post(card) {
      lastItems = card.items;
      write(`\n${renderCard(card, { color: interactive })}\n`);
      prompt();
    },
    close: () => lines?.close(),
  };
}
