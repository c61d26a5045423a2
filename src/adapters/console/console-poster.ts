import type { Card } from '../../core/cards/card.js';
import type { Poster } from '../../core/delivery/poster.js';

/** Posts deliveries for `console:local` by showing them in the terminal. */
export function createConsolePoster(show: (card: Card) => void): Poster {
  let posted = 0;
  return {
    platform: 'console',
    // The terminal cannot repeat a message an earlier process printed, and this one prints each once.
    supportsIdempotency: true,
    async post(message, onPartSent) {
      if (message.partsSent > 0) return;
      show(message.card);
      posted += 1;
      await onPartSent(`console-${posted}`);
    },
  };
}
