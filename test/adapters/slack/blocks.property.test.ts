import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCard, renderPosts, renderShown } from '../../../src/adapters/slack/blocks.js';
import {
  noticeCard,
  paperDetailCard,
  paperListCard,
  searchResultsCard,
} from '../../../src/core/cards/build-cards.js';
import type { Card, PaperItem } from '../../../src/core/cards/card.js';
import { helpLines } from '../../../src/core/commands/help-text.js';
import { alertCard } from '../../../src/core/digest/alert-card.js';
import { digestCard } from '../../../src/core/digest/digest-card.js';
import type { Paper } from '../../../src/core/paper.js';
import { blockKitViolations, controlSequences, mrkdwnTexts } from './block-limits.js';

/** Text heavy in the characters that grow when escaped, plus line breaks, emoji and Slack control sequences. */
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: fc.constantFrom('&', '<', '>', 'a', ' ', '\n', 'é', '😀', '|', '*'), maxLength }),
    fc.constantFrom('<!channel> <http://evil|click>', '<@U123>', '&amp;', ''),
  );
const url = fc.oneof(fc.webUrl(), text(300), fc.constant(`https://example.org/${'&'.repeat(2000)}`));

const counts = fc.record({ relevant: fc.nat(), saved: fc.nat() });
/** Paper ids the core writes feedback values for, and anything else. */
const paperId = fc.oneof(fc.stringMatching(/^\d{4}\.\d{4,5}$/), text(40));

const item: fc.Arbitrary<PaperItem> = fc.record(
  {
    id: paperId,
    title: text(3000),
    url,
    upvotes: fc.option(fc.nat(), { nil: null }),
    comments: fc.option(fc.nat(), { nil: null }),
    authors: text(3000),
    date: fc.option(text(20), { nil: null }),
    code: fc.option(fc.record({ url, stars: fc.option(fc.nat(), { nil: null }) }), { nil: null }),
    summary: text(3000),
    matchedTerm: fc.option(text(500), { nil: null }),
    abstract: text(20_000),
    links: fc.array(fc.record({ label: text(100), url }), { maxLength: 10 }),
    counts: fc.option(counts, { nil: undefined }),
    savedBy: fc.option(
      fc.array(fc.oneof(text(20), fc.stringMatching(/^[UW][A-Z0-9]{2,12}$/)), { maxLength: 15 }),
      {
        nil: undefined,
      },
    ),
    because: fc.option(text(600), { nil: undefined }),
  },
  {
    requiredKeys: [
      'id',
      'title',
      'url',
      'upvotes',
      'comments',
      'authors',
      'date',
      'code',
      'summary',
      'matchedTerm',
      'abstract',
      'links',
    ],
  },
);

const card: fc.Arbitrary<Card> = fc.record({
  header: text(3000),
  subheader: fc.option(text(3000), { nil: undefined }),
  items: fc.array(item, { maxLength: 60 }),
  notices: fc.array(
    fc.record({
      tone: fc.constantFrom('info', 'success', 'warning', 'error'),
      text: text(12_000),
      example: fc.option(text(2000), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
  footer: fc.option(text(5000), { nil: undefined }),
  actions: fc.array(
    fc.record({ kind: fc.constantFrom('nextPage', 'share'), label: text(200), value: text(2100) }),
    { maxLength: 3 },
  ),
  feedback: fc.option(fc.constant(true as const), { nil: undefined }),
  fallback: text(50_000),
});

const ours = (candidate: string) => /^https?:\/\//.test(candidate);

describe('Block Kit output stays within Slack limits (property)', () => {
  it('for any card, in every message of every mode, and nothing untrusted becomes a mention', () => {
    fc.assert(
      fc.property(card, fc.boolean(), (generated, threads) => {
        const messages = [
          ...renderCard(generated),
          ...renderPosts(generated, { threads }).map((post) => post.message),
        ];
        for (const message of messages) {
          expect(blockKitViolations(message)).toEqual([]);
          for (const mrkdwn of mrkdwnTexts(message)) {
            for (const inner of controlSequences(mrkdwn, ours)) expect(inner).toMatch(/^@[UW][A-Z0-9]+$/);
          }
        }
        const parents = renderPosts(generated, { threads: true }).filter((post) => post.threadOf === null);
        const listed = parents
          .flatMap((post) => post.message.blocks)
          .filter((block) => block.type === 'section' && /^\d+\. \*/.test(block.text?.text ?? ''));
        if (generated.items.length > 1) expect(listed).toHaveLength(generated.items.length);
      }),
      { numRuns: 60 },
    );
  });

  it('draws every post again as it was posted, and within the limits and its blocks whatever the new counts', () => {
    fc.assert(
      fc.property(card, fc.boolean(), counts, (generated, threads, later) => {
        for (const post of renderPosts(generated, { threads })) {
          if (!post.shown) continue;
          expect(renderShown(post.shown)).toEqual(post.message);
          const items = post.shown.card.items.map((paper) => ({ ...paper, counts: later }));
          const redrawn = renderShown({ ...post.shown, card: { ...post.shown.card, items } });
          expect(blockKitViolations(redrawn)).toEqual([]);
          expect(redrawn.blocks.length).toBeLessThanOrEqual(post.message.blocks.length + items.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('for every card kind the core builds, with the largest papers', () => {
    const huge = (index: number): Paper => ({
      id: `2606.${String(index).padStart(5, '0')}`,
      version: 1,
      title: `<!channel> ${'Very long title & more '.repeat(200)}`,
      abstract: 'An abstract sentence with <tags> & ampersands. '.repeat(800),
      authors: Array.from({ length: 300 }, (_, author) => `Author <${author}> & Co`),
      publishedAt: new Date('2026-06-12T00:00:00Z'),
      updatedAt: null,
      categories: ['cs.LG'],
      primaryCategory: 'cs.LG',
      comment: null,
      links: {},
      upvotes: 99_999,
      numComments: 9_999,
      dailyDate: '2026-06-12',
      aiSummary: 'Summary & <b>bold</b> '.repeat(100),
      aiKeywords: ['x'],
      githubRepo: `https://github.com/${'a'.repeat(900)}/repo`,
      githubStars: 123_456,
      projectPage: `https://example.org/${'&'.repeat(500)}`,
      organization: 'Org',
      thumbnail: null,
      firstSeenAt: new Date('2026-06-12T00:00:00Z'),
      lastSeenAt: new Date('2026-06-12T00:00:00Z'),
      sources: ['hf'],
    });
    const papers = Array.from({ length: 45 }, (_, index) => huge(index));
    const query = `${'q&<'.repeat(300)}`;
    const cards: Card[] = [
      searchResultsCard(
        {
          query,
          total: 10_000,
          totalCapped: true,
          fuzzy: true,
          hits: papers.slice(0, 25).map((paper) => ({ paper, score: 1 })),
        },
        { query, page: 3, pageSize: 25, sort: 'upvotes', since: '7d' },
      ),
      paperListCard('Daily Papers', 'Most upvoted first', papers),
      paperDetailCard(papers[0] as Paper),
      noticeCard({ tone: 'info', text: helpLines().join('\n') }, 'paperboy commands'),
      noticeCard({ tone: 'error', text: 'x&'.repeat(5000), example: '<!here>'.repeat(300) }),
      digestCard(
        {
          channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
          at: new Date(),
          day: '2026-06-12',
          items: papers.map((paper, index) => ({
            paper,
            reason: index < 20 ? ('trending' as const) : ('subscription' as const),
            matchedTerm: index < 20 ? null : `"${'term '.repeat(30)}"`,
          })),
        },
        { postWhenEmpty: true, late: true },
      ) as Card,
      alertCard(papers.map((paper) => ({ paper, term: '<!channel>'.repeat(20) }))),
    ];
    for (const built of cards) {
      for (const threads of [false, true]) {
        for (const post of renderPosts(built, { threads }))
          expect(blockKitViolations(post.message)).toEqual([]);
      }
      for (const message of renderCard(built)) expect(blockKitViolations(message)).toEqual([]);
    }
  });
});
