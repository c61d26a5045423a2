import { createInterface } from 'node:readline';
import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { handleAction, handleText } from '../../core/bot/handle-command.js';
import { answered } from '../../core/bot/replies.js';
import { noticeCard } from '../../core/cards/build-cards.js';
import type { Card, CardAction, Reply } from '../../core/cards/card.js';
import { CONSOLE_CHANNEL } from '../../core/channel.js';
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

/**
 * The channel `console:local` in a terminal: what you type is what would follow `/papers` in Slack (the
 * `/papers` itself is optional), and `next` / `share` press the buttons of the last search.
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

  async function respond(line: string): Promise<void> {
    const context = { channel: CONSOLE_CHANNEL, now: options.now() };
    const word = line.toLowerCase();
    const wanted = word === 'next' ? 'nextPage' : word === 'share' ? 'share' : null;
    const action = lastActions.find((candidate) => candidate.kind === wanted);
    let reply: Reply;
    if (action) {
      reply = await handleAction(dependencies, context, { kind: action.kind, value: action.value });
    } else if (word === 'next' || word === 'share') {
      const text = word === 'next' ? 'There is no next page.' : 'There is nothing to share yet.';
      reply = answered(noticeCard({ tone: 'info', text, example: 'lora since:7d' }));
    } else {
      reply = await handleText(dependencies, context, line.replace(/^\/papers\b/i, ''));
    }
    lastActions = reply.card.actions;
    if (reply.visibility === 'channel') write('(posted to the channel)\n');
    show(reply.card);
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
      write(`\n${renderCard(card, { color: interactive })}\n`);
      prompt();
    },
    close: () => lines?.close(),
  };
}
