import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedLength, renderCard, renderDetails, renderReply } from '../../../src/adapters/discord/embeds.js';
import { escapeMarkdown } from '../../../src/adapters/discord/markdown.js';
import { noticeCard, paperListCard } from '../../../src/core/cards/build-cards.js';
import type { Card, PaperItem } from '../../../src/core/cards/card.js';
import { messageLimitError } from '../../helpers/fake-discord-limits.js';

const item = (overrides: Partial<PaperItem> = {}): PaperItem => ({
  id: '2606.00467',
  title: 'Sparse attention for long contexts',
  url: 'https://huggingface.co/papers/2606.00467',
  upvotes: 12,
  comments: 3,
  authors: 'Ada Lovelace, Alan Turing, Grace Hopper et al.',
  date: '2026-06-12',
  code: null,
  summary: 'We make attention sparse.',
  matchedTerm: null,
  abstract: 'We make attention sparse. It works.',
  links: [{ label: 'arXiv', url: 'https://arxiv.org/abs/2606.00467' }],
  ...overrides,
});

const card = (items: PaperItem[], overrides: Partial<Card> = {}): Card => ({
  header: 'Your paper digest',
  subheader: 'Daily Papers of Fri, 12 Jun 2026',
  items,
  notices: [],
  actions: [],
  fallback: '',
  ...overrides,
});

const allMessages = (value: Card) => [
  ...renderCard(value, 'full'),
  ...renderCard(value, 'compact'),
  ...renderDetails(value),
  renderReply(value),
];

const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
const huge = fc.oneof(
  text(40),
  fc.string({ minLength: 3000, maxLength: 9000 }),
  fc.constant('*_`|@everyone '.repeat(700)),
);
const itemArbitrary = fc.record({
  id: fc.stringMatching(/^\d{4}\.\d{5}$/),
  title: huge,
  url: fc.oneof(fc.constant('https://huggingface.co/papers/2606.00467'), fc.webUrl(), text(50)),
  upvotes: fc.option(fc.nat()),
  comments: fc.option(fc.nat()),
  authors: huge,
  date: fc.option(fc.constant('2026-06-12')),
  code: fc.constant(null),
  summary: huge,
  matchedTerm: fc.option(huge),
  abstract: huge,
  links: fc.array(fc.record({ label: text(30), url: fc.webUrl() }), { maxLength: 6 }),
});

describe('Discord embeds', () => {
  it('stay within every Discord limit for the largest inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(itemArbitrary, { maxLength: 25 }),
        huge,
        fc.option(huge),
        fc.array(
          fc.record({
            tone: fc.constantFrom('info', 'success', 'warning', 'error'),
            text: huge,
            example: fc.option(huge, { nil: undefined }),
          }),
          { maxLength: 3 },
        ),
        fc.option(huge, { nil: undefined }),
        (items, header, subheader, notices, footer) => {
          const value = card(items, {
            header,
            notices,
            ...(subheader === null ? {} : { subheader }),
            ...(footer === undefined ? {} : { footer }),
          });
          for (const message of allMessages(value)) {
            expect(messageLimitError(message as never)).toBeNull();
            expect(message.allowed_mentions).toEqual({ parse: [] });
            for (const embed of message.embeds) expect(embedLength(embed)).toBeLessThanOrEqual(6000);
          }
          expect(renderCard(value, 'full').flatMap((message) => message.embeds).length).toBeGreaterThan(
            items.length,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits a long card into several messages of at most 10 embeds and never drops a paper', () => {
    const items = Array.from({ length: 25 }, (_, index) =>
      item({ id: `2606.${String(index).padStart(5, '0')}`, abstract: 'word '.repeat(1000) }),
    );
    const messages = renderDetails(card(items));
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.flatMap((message) => message.embeds)).toHaveLength(25);
    for (const message of messages) expect(message.embeds.length).toBeLessThanOrEqual(10);
  });

  it('never pings: @everyone in a title is broken and allowed_mentions parses nothing', () => {
    const [message] = renderCard(card([item({ title: '@everyone read **this** <@123>' })]), 'full');
    const title = message?.embeds[1]?.title ?? '';
    expect(title).not.toContain('@everyone');
    expect(title).toContain('\\*\\*this\\*\\*');
    expect(title).toContain('\\<@123\\>');
    expect(message?.allowed_mentions).toEqual({ parse: [] });
  });

  it('renders a notice with its example, and a compact digest as a numbered list of links', () => {
    const notice = renderReply(
      noticeCard({
        tone: 'error',
        text: 'Unknown timezone "Mars".',
        example: '/papers schedule 09:30 Europe/Berlin',
      }),
    );
    expect(notice.embeds[0]?.description).toBe(
      'Unknown timezone "Mars".\nExample: `/papers schedule 09:30 Europe/Berlin`',
    );
    const [digest] = renderCard(
      card([item(), item({ id: '2606.00468', title: 'Second', matchedTerm: 'lora' })]),
      'compact',
    );
    expect(digest?.embeds[0]?.description).toBe(
      '*Daily Papers of Fri, 12 Jun 2026*\n1. [Sparse attention for long contexts](https://huggingface.co/papers/2606.00467) · ▲ 12 · 💬 3 · 2026-06-12\n2. [Second](https://huggingface.co/papers/2606.00467) · ▲ 12 · 💬 3 · 2026-06-12 · matched lora',
    );
  });

  it('answers an interaction in one message even for 25 long results (compact list)', () => {
    const items = Array.from({ length: 25 }, () =>
      item({ title: 'long title words '.repeat(30), summary: 'x '.repeat(300) }),
    );
    const reply = renderReply(paperListCard('Papers', 'many', []) && card(items));
    expect(messageLimitError(reply as never)).toBeNull();
    expect(
      reply.embeds
        .map((embed) => embed.description ?? '')
        .join('\n')
        .match(/^\d+\. /gm),
    ).toHaveLength(25);
  });

  it('escapes markdown characters with a backslash', () => {
    expect(escapeMarkdown('a_b*c`d|e~f[g](h)>#')).toBe('a\\_b\\*c\\`d\\|e\\~f\\[g\\]\\(h\\)\\>\\#');
  });
});
