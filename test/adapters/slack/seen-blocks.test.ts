import { describe, expect, it } from 'vitest';
import { renderCard, renderPosts, renderShown } from '../../../src/adapters/slack/blocks.js';
import { seenLineText, shortDay } from '../../../src/adapters/slack/seen-blocks.js';
import type { Card, PaperItem, SeenLine } from '../../../src/core/cards/card.js';
import { blockKitViolations, controlSequences, mrkdwnTexts } from './block-limits.js';

const item = (index: number): PaperItem => ({
  id: `2612.${String(index).padStart(5, '0')}`,
  title: `Paper number ${index} about sparse attention`,
  url: `https://huggingface.co/papers/2612.${String(index).padStart(5, '0')}`,
  upvotes: 10 + index,
  comments: 2,
  authors: 'Ada Lovelace, Alan Turing, Grace Hopper et al.',
  date: '2026-12-01',
  code: { url: 'https://github.com/example/repo', stars: 42 },
  summary: 'A one-line summary of the paper.',
  matchedTerm: null,
  abstract: 'We study sparse attention. '.repeat(20),
  links: [{ label: 'arXiv', url: `https://arxiv.org/abs/2612.${String(index).padStart(5, '0')}` }],
});

const shared = (index: number, overrides: Partial<SeenLine> = {}): SeenLine => ({
  kind: 'shared',
  paperId: `2612.${String(900 + index).padStart(5, '0')}`,
  title: `Shared paper ${index}`,
  url: `https://arxiv.org/abs/2612.${String(900 + index).padStart(5, '0')}`,
  sharedBy: 'U123',
  day: '2026-12-01',
  message: { id: '1700000000.000100', link: 'https://test.slack.com/archives/C1/p1700000000000100' },
  ...overrides,
});

const since = (index: number, overrides: Partial<SeenLine> = {}): SeenLine => ({
  kind: 'since',
  paperId: `2612.${String(800 + index).padStart(5, '0')}`,
  title: `Posted paper ${index}`,
  url: `https://huggingface.co/papers/2612.${String(800 + index).padStart(5, '0')}`,
  day: '2026-11-28',
  message: { id: '1699000000.000100', link: 'https://test.slack.com/archives/C1/p1699000000000100' },
  news: '42 upvotes on Daily Papers · code',
  ...overrides,
});

const digest = (items: PaperItem[], seen: SeenLine[]): Card => ({
  header: 'Your paper digest',
  subheader: 'Daily Papers of Tue 1 Dec 2026',
  items,
  notices: [],
  actions: [],
  feedback: true,
  seen,
  fallback: 'Your paper digest',
});

const ours = (url: string) =>
  /^https:\/\/(huggingface\.co|arxiv\.org|github\.com|test\.slack\.com)\//.test(url);
interface Loose {
  type: string;
  text?: { text: string };
}
const sectionTexts = (blocks: unknown[]) =>
  (blocks as Loose[]).filter((block) => block.type === 'section').map((block) => block.text?.text ?? '');

describe('seen lines', () => {
  it('reads a day as a short weekday and date', () => {
    expect(shortDay('2026-12-01')).toBe('Tue 1 Dec');
    expect(shortDay('2026-02-30')).toBeNull();
    expect(shortDay('yesterday')).toBeNull();
  });

  it('say who shared a paper, when, and link the thread', () => {
    expect(seenLineText(shared(1))).toBe(
      '• <https://arxiv.org/abs/2612.00901|Shared paper 1> · shared by <@U123> on Tue 1 Dec → <https://test.slack.com/archives/C1/p1700000000000100|thread>',
    );
  });

  it('say what is new since a paper was posted, and link the original', () => {
    expect(seenLineText(since(1))).toBe(
      '• <https://huggingface.co/papers/2612.00801|Posted paper 1>: 42 upvotes on Daily Papers · code → <https://test.slack.com/archives/C1/p1699000000000100|original>',
    );
  });

  it('show no link when the message has none, and mention no one who is not a Slack user', () => {
    expect(seenLineText(shared(2, { message: { id: '1.2', link: null }, sharedBy: 'not a user' }))).toBe(
      '• <https://arxiv.org/abs/2612.00902|Shared paper 2> · shared on Tue 1 Dec',
    );
    expect(seenLineText(since(2, { message: null }))).not.toContain('→');
  });

  it('render in a digest under headings, after the papers, within limits', () => {
    const [message, ...rest] = renderCard(digest([item(1), item(2)], [shared(1), since(1)]));
    expect(rest).toEqual([]);
    expect(blockKitViolations(message ?? { text: '', blocks: [] })).toEqual([]);
    const texts = sectionTexts(message?.blocks ?? []);
    expect(texts.at(-2)).toMatch(
      /^\*Already shared here\*\n• <https:\/\/arxiv\.org\/abs\/2612\.00901\|Shared paper 1>/,
    );
    expect(texts.at(-1)).toMatch(
      /^\*Since you saw it\*\n• <https:\/\/huggingface\.co\/papers\/2612\.00801\|Posted/,
    );
  });

  it('keep a title crafted to ping or link as text', () => {
    const evil = [
      shared(1, { title: '<!channel> <https://evil.example|click> & win', sharedBy: '<!here>' }),
      since(1, { title: '<@U999> <!everyone>', news: '<!channel> 9000 upvotes' }),
    ];
    for (const threads of [false, true]) {
      const posts = renderPosts(digest([item(1), item(2)], evil), { threads });
      for (const { message } of posts) {
        expect(blockKitViolations(message)).toEqual([]);
        for (const text of mrkdwnTexts(message)) {
          expect(controlSequences(text, ours).filter((inner) => !/^@U123$/.test(inner))).toEqual([]);
        }
      }
      const all = JSON.stringify(posts.map((post) => post.message.blocks));
      expect(all).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; win');
      expect(all).not.toContain('<!channel>');
      expect(all).not.toContain('<!here>');
    }
  });

  it('count in the block budget: a long digest with many seen lines still splits within limits', () => {
    const items = Array.from({ length: 30 }, (_, index) => item(index + 1));
    const long = 'A very long shared title about sparse attention and friends '.repeat(3);
    const seen = [
      ...Array.from({ length: 40 }, (_, index) => shared(index, { title: `${long}${index}` })),
      ...Array.from({ length: 40 }, (_, index) => since(index, { title: `${long}${index}` })),
    ];
    for (const threads of [false, true]) {
      const posts = renderPosts(digest(items, seen), { threads });
      const tops = posts.filter((post) => post.threadOf === null);
      expect(tops.length).toBeGreaterThan(1);
      for (const { message } of posts) expect(blockKitViolations(message)).toEqual([]);
      const shown = tops.flatMap((post) => sectionTexts(post.message.blocks)).join('\n');
      for (const line of seen) expect(shown).toContain(`|${line.title}>`);
      // The fallback of a split digest carries the lines too.
      expect(tops.map((post) => post.message.text).join('\n')).toContain('Already shared here:');
    }
  });

  it('are drawn again with the post that shows them, and only with it', () => {
    const items = Array.from({ length: 30 }, (_, index) => item(index + 1));
    const posts = renderPosts(digest(items, [shared(1), since(1)]), { threads: false });
    const withSeen = posts.filter((post) =>
      JSON.stringify(post.message.blocks).includes('Already shared here'),
    );
    expect(withSeen).toHaveLength(1);
    for (const post of posts) {
      if (!post.shown) continue;
      const redrawn = renderShown(post.shown);
      expect(redrawn.blocks).toEqual(post.message.blocks);
    }
  });

  it('come with a single paper too, and on their own', () => {
    const [one] = renderPosts(digest([item(1)], [shared(1)]), { threads: false });
    expect(JSON.stringify(one?.message.blocks)).toContain('Already shared here');
    if (one?.shown) expect(renderShown(one.shown).blocks).toEqual(one.message.blocks);
    const [only] = renderCard(digest([], [since(1)]));
    expect(blockKitViolations(only ?? { text: '', blocks: [] })).toEqual([]);
    expect(JSON.stringify(only?.blocks)).toContain('Since you saw it');
  });
});
