import type { Card } from '../cards/card.js';
import { papersWantingTldrs, withTldrs } from './card-tldrs.js';
import { type Tldrs, URGENT_PRIORITY } from './tldr-ports.js';

/** The longest a post waits for the TL;DRs it lacks before it goes out with the abstract's sentences. */
export const TLDR_WAIT_MS = 2_000;
const POLL_MS = 200;

export interface TldrFillerOptions {
  tldrs: Pick<Tldrs, 'stored' | 'request'>;
  /** Whether the model is answering (only then is waiting worth it). */
  ready: () => boolean;
  /** Told when urgent TL;DRs were asked for, so this replica's worker looks at once rather than at its next poll. */
  onRequested?: () => void;
  waitMs?: number;
  pollMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Puts the stored TL;DRs of a channel's language into a card. With `wait`, the missing ones are asked for
 * before anything else and waited for up to `waitMs` (2 s), while the model is answering; what is still
 * missing then keeps the abstract's sentence (its TL;DR arrives for later cards).
 *
 * @example
 * const card = await filler.fill(digestCard, 'de', { wait: true });
 */
export function createTldrFiller(options: TldrFillerOptions) {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const waitMs = options.waitMs ?? TLDR_WAIT_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  return {
    async fill(card: Card, language: string, fillOptions: { wait: boolean }): Promise<Card> {
      const wanted = papersWantingTldrs(card, language);
      if (wanted.length === 0) return card;
      let stored = await options.tldrs.stored(wanted, language);
      const missing = wanted.filter((id) => !stored.has(id));
      if (fillOptions.wait && missing.length > 0 && options.ready()) {
        const deadline = now().getTime() + waitMs;
        // Only those being written are worth waiting for: one given up on never comes.
        const pending = await options.tldrs.request(missing, language, URGENT_PRIORITY, now());
        if (pending.length > 0) options.onRequested?.();
        const waiting = () => pending.some((id) => !stored.has(id));
        while (waiting() && now().getTime() < deadline && options.ready()) {
          await sleep(Math.min(pollMs, Math.max(0, deadline - now().getTime())));
          stored = await options.tldrs.stored(wanted, language);
        }
      }
      return withTldrs(card, stored, language);
    },
  };
}

export type TldrFiller = ReturnType<typeof createTldrFiller>;
