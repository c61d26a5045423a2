import type { Card } from '../cards/card.js';
import { withFallback } from '../cards/card-fallback.js';
import { stripControlChars } from '../cards/sanitize.js';
import { truncateAtWord } from '../cards/text.js';

/** Room for the header on every platform (Slack's is 150). */
const TITLE_MAX = 120;

/**
 * A model's answer about a paper, as a card: the paper's title as the header, the answer, the passage it quotes
 * (only one found in the paper), and a footer that says it is a model's answer, what it read and where the paper
 * is. All text is untrusted; renderers escape it.
 */
export function answerCard(answer: {
  paper: { title: string; url: string };
  text: string;
  quote: string | null;
  source: 'full text' | 'abstract';
  model: string;
}): Card {
  const title = truncateAtWord(stripControlChars(answer.paper.title), TITLE_MAX) || 'This paper';
  return withFallback({
    header: `Q&A · ${title}`,
    items: [],
    notices: [
      { tone: 'info', text: answer.text },
      ...(answer.quote ? [{ tone: 'info' as const, text: `From the paper: “${answer.quote}”` }] : []),
    ],
    footer: `AI answer from the paper's ${answer.source} (${answer.model}); it can be wrong, so check the paper: ${answer.paper.url}`,
    actions: [],
  });
}
