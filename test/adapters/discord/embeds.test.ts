import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cardParts,
  embedLength,
  type Layout,
  renderCard,
  renderDetails,
  renderPart,
  renderReply,
} from '../../../src/adapters/discord/embeds.js';
import { escapeMarkdown } from '../../../src/adapters/discord/markdown.js';
import { noticeCard, paperListCard } from '../../../src/core/cards/build-cards.js';
import type { Card, PaperItem } from '../../../src/core/cards/card.js';
import { componentLimitError, messageLimitError } from '../../helpers/fake-discord-limits.js';

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

const seenArbitrary = fc.record({
  kind: fc.constantFrom('shared' as const, 'since' as const),
  paperId: text(20),
  title: huge,
  url: fc.oneof(fc.webUrl(), text(50)),
  sharedBy: fc.option(fc.oneof(fc.stringMatching(/^\d{18}$/), text(30)), { nil: undefined }),
  day: fc.oneof(fc.constant('2026-12-01'), text(12)),
  message: fc.option(
    fc.record({
      id: fc.option(fc.stringMatching(/^\d{18}$/)),
      link: fc.option(fc.webUrl({ size: 'large' })),
    }),
  ),
  news: fc.option(huge, { nil: undefined }),
});

describe('Discord embeds', () => {
  it('keep ten link cards in one message, and seen lines within every limit (property)', () => {
    const withCode = itemArbitrary.chain((entry) =>
      fc
        .option(fc.record({ url: fc.webUrl({ size: 'large' }), stars: fc.option(fc.nat()) }))
        .map((code) => ({ ...entry, code })),
    );
    fc.assert(
      fc.property(
        fc.array(withCode, { minLength: 1, maxLength: 10 }),
        fc.array(seenArbitrary, { maxLength: 30 }),
        (items, seen) => {
          const value = card(items, { feedback: true, seen });
          const links = renderCard(value, 'link');
          expect(links).toHaveLength(1);
          expect(links[0]?.embeds).toHaveLength(items.length);
          for (const message of [...links, ...renderCard(value, 'full'), ...renderCard(value, 'compact')]) {
            expect(messageLimitError(message as never)).toBeNull();
            expect(componentLimitError(message.components)).toBeNull();
            expect(message.allowed_mentions).toEqual({ parse: [] });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

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

const feedbackCard = (count: number, overrides: Partial<PaperItem> = {}): Card =>
  card(
    Array.from({ length: count }, (_, index) =>
      item({ id: `2606.${String(90000 + index)}`, title: `Paper ${index + 1}`, ...overrides }),
    ),
    { feedback: true },
  );
type Control = { type: number; custom_id: string; label?: string; options?: { value: string }[] };
const controlsOf = (message: { components?: unknown[] }) =>
  ((message.components ?? []) as { components: Control[] }[]).flatMap((row) => row.components);
const valuesOf = (message: { components?: unknown[] }) =>
  controlsOf(message).flatMap((control) =>
    control.options ? control.options.map((option) => option.value) : [control.custom_id.slice(2)],
  );

describe('feedback in Discord messages', () => {
  it("shows the channel's counts in a paper's stats, nothing for zero, and never a 👎 count", () => {
    const counted = renderReply(card([item({ counts: { relevant: 5, saved: 3 } })], { feedback: true }));
    const stats = counted.embeds[1]?.fields?.find((field) => field.name === 'Stats')?.value;
    expect(stats).toBe('▲ 12 · 💬 3 · 2026-06-12 · 🔖 3 · 👍 5');
    const saved = renderReply(card([item({ counts: { relevant: 0, saved: 2 } })], { feedback: true }));
    expect(saved.embeds[1]?.fields?.find((field) => field.name === 'Stats')?.value).toBe(
      '▲ 12 · 💬 3 · 2026-06-12 · 🔖 2',
    );
    const none = renderReply(card([item({ counts: { relevant: 0, saved: 0 } })], { feedback: true }));
    expect(JSON.stringify(none.embeds)).not.toMatch(/🔖|👍/);
    expect(JSON.stringify([counted, saved, none].map((message) => message.embeds))).not.toContain('👎');
    const [list] = renderCard(card([item({ counts: { relevant: 5, saved: 3 } })]), 'compact');
    expect(list?.embeds[0]?.description?.split('\n')[1]).toBe(
      '1. [Sparse attention for long contexts](https://huggingface.co/papers/2606.00467) · ▲ 12 · 💬 3 · 2026-06-12 · 🔖 3 · 👍 5',
    );
  });

  it('mentions who saved a paper (snowflakes only, five at most) and says why it was chosen in one escaped line', () => {
    const savedBy = [
      '700000000000000001',
      'U123ABC',
      '<@&1>',
      '@everyone',
      ...Array.from({ length: 6 }, (_, i) => `70000000000000001${i}`),
    ];
    const because = 'like **"LoRA-Tune"** @everyone,\nwhich 3 of you saved';
    const [message] = renderCard(card([item({ savedBy, because })]), 'full');
    const fields = message?.embeds[1]?.fields ?? [];
    expect(fields.find((field) => field.name === 'Saved by')?.value).toBe(
      '<@700000000000000001>, <@700000000000000010>, <@700000000000000011>, <@700000000000000012>, <@700000000000000013> +2 more',
    );
    const why = fields.find((field) => field.name === 'Why')?.value ?? '';
    expect(why).toBe('like \\*\\*"LoRA-Tune"\\*\\* @\u200beveryone, which 3 of you saved');
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    const [list] = renderCard(card([item({ savedBy: ['700000000000000001'], because })]), 'compact');
    expect(list?.embeds[0]?.description?.split('\n').slice(2)).toEqual([
      `↳ ${why}`,
      '↳ saved by <@700000000000000001>',
    ]);
  });

  it('splits a 40-paper digest into lists of at most 25 papers, each with its papers’ controls in 5 rows or fewer', () => {
    const digest = feedbackCard(40);
    const messages = renderCard(digest, 'compact');
    expect(messages.length).toBe(2);
    const values = messages.flatMap(valuesOf);
    expect(values).toHaveLength(120);
    expect(new Set(values).size).toBe(120);
    for (const message of messages) {
      expect(messageLimitError(message as never)).toBeNull();
      expect(componentLimitError(message.components)).toBeNull();
      expect(controlsOf(message).every((control) => control.type === 3)).toBe(true);
    }
    // The second message's list and controls go on numbering where the first stopped.
    const first = (messages[0]?.components?.[0]?.components[0] as Control | undefined)?.options?.length ?? 0;
    expect(messages[1]?.embeds[0]?.description).toMatch(new RegExp(`^${first + 1}\\. `));
    expect(messages[1]?.embeds[0]?.title).toBeUndefined();
  });

  it("gives every paper of a digest's thread buttons: at most 5 papers per thread message", () => {
    const details = renderDetails(feedbackCard(12, { abstract: 'Short.' }));
    expect(details.map((message) => message.embeds.length)).toEqual([5, 5, 2]);
    for (const message of details) {
      expect(controlsOf(message).every((control) => control.type === 2)).toBe(true);
      expect(componentLimitError(message.components)).toBeNull();
    }
    const [single] = renderDetails(feedbackCard(1));
    expect(controlsOf(single ?? { components: [] }).map((control) => control.label)).toEqual([
      'Relevant',
      'Not relevant',
      'Save',
    ]);
  });

  it('draws every part again with the largest counts within every limit, however tightly it was packed', () => {
    // Uniform papers of every size pack parts right up to a limit (random ones rarely do).
    let parts = 0;
    for (const layout of ['compact', 'full', 'details'] as const)
      for (const count of [5, 12, 20, 25, 33, 40])
        for (let title = 20; title <= 400; title += 47)
          for (const savers of [0, 5])
            for (const size of [100, 2900]) {
              const value = feedbackCard(count, {
                title: 'w'.repeat(title),
                summary: 'x '.repeat(size / 4),
                abstract: 'y '.repeat(size / 2),
                savedBy: Array.from({ length: savers }, (_, i) => `70000000000000001${i}`),
              });
              for (const part of cardParts(value, layout)) {
                parts += 1;
                const most = { relevant: 99_999, saved: 99_999 };
                const drawn = renderPart({
                  ...part,
                  card: { ...part.card, items: part.card.items.map((paper) => ({ ...paper, counts: most })) },
                });
                expect(messageLimitError(drawn as never)).toBeNull();
                expect(drawn.embeds.length).toBe(renderPart(part).embeds.length);
              }
            }
    expect(parts).toBeGreaterThan(1000);
  });

  it('draws each part again with any counts within every limit, with the same embeds (property)', () => {
    const counts = fc.record({ relevant: fc.nat({ max: 99_999 }), saved: fc.nat({ max: 99_999 }) });
    // Titles, mentions and reasons of every size, so that parts are often packed up to a limit.
    const paper = fc.record({
      title: fc.oneof(fc.string({ minLength: 1, maxLength: 300 }), huge),
      savedBy: fc.array(fc.stringMatching(/^\d{17,19}$/), { maxLength: 8 }),
      because: fc.option(fc.oneof(text(200), huge), { nil: undefined }),
      abstract: fc.oneof(text(100), huge),
      matchedTerm: fc.option(text(100)),
    });
    fc.assert(
      fc.property(
        fc.array(paper, { minLength: 1, maxLength: 40 }),
        fc.constantFrom<Layout>('compact', 'full', 'details'),
        fc.array(counts, { minLength: 40, maxLength: 40 }),
        (papers, layout, votes) => {
          const value = card(
            papers.map((fields, index) =>
              item({ ...fields, id: `2606.${String(90000 + index)}`, summary: fields.abstract }),
            ),
            { feedback: true },
          );
          for (const part of cardParts(value, layout)) {
            const before = renderPart(part);
            const voted = {
              ...part,
              card: {
                ...part.card,
                items: part.card.items.map((paper, i) => ({ ...paper, counts: votes[i] })),
              },
            };
            const after = renderPart(voted);
            expect(part.card.items.length).toBeLessThanOrEqual(layout === 'details' ? 5 : 25);
            for (const message of [before, after]) {
              expect(messageLimitError(message as never)).toBeNull();
              expect(componentLimitError(message.components)).toBeNull();
            }
            expect(after.embeds.length).toBe(before.embeds.length);
            expect(after.components).toEqual(before.components);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
