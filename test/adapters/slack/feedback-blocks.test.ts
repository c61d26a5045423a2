import { describe, expect, it } from 'vitest';
import {
  FEEDBACK_ACTION_ID,
  renderCard,
  renderPosts,
  renderShown,
  type SlackMessage,
} from '../../../src/adapters/slack/blocks.js';
import type { Card, PaperItem } from '../../../src/core/cards/card.js';
import { readFeedbackValue } from '../../../src/core/feedback/feedback.js';
import { blockKitViolations } from './block-limits.js';

const item = (index: number, overrides: Partial<PaperItem> = {}): PaperItem => ({
  id: `2606.${String(index).padStart(5, '0')}`,
  title: `Paper number ${index} about sparse attention`,
  url: `https://huggingface.co/papers/2606.${String(index).padStart(5, '0')}`,
  upvotes: 10 + index,
  comments: 2,
  authors: 'Ada Lovelace, Alan Turing et al.',
  date: '2026-06-12',
  code: null,
  summary: 'A one-line summary of the paper.',
  matchedTerm: null,
  abstract: 'We study sparse attention. '.repeat(20),
  links: [{ label: 'arXiv', url: 'https://arxiv.org/abs/2606.00001' }],
  ...overrides,
});

const card = (items: PaperItem[], overrides: Partial<Card> = {}): Card => ({
  header: 'Your paper digest',
  subheader: 'Daily Papers of Fri 12 Jun 2026',
  items,
  notices: [],
  actions: [],
  feedback: true,
  fallback: 'Your paper digest',
  ...overrides,
});

interface Loose {
  type: string;
  text?: { text: string };
  elements?: { text: string }[];
  accessory?: { type: string; action_id: string; options: { text: { text: string }; value: string }[] };
}
const blocksOf = (message: SlackMessage | undefined) => (message?.blocks ?? []) as unknown as Loose[];
const sections = (message: SlackMessage | undefined) =>
  blocksOf(message).filter((block) => block.type === 'section');
const contexts = (message: SlackMessage | undefined) =>
  blocksOf(message)
    .filter((block) => block.type === 'context')
    .map((block) => block.elements?.[0]?.text ?? '');

describe('feedback controls on each paper', () => {
  it('puts a 👍 👎 🔖 overflow menu beside each paper, with values the core reads back', () => {
    const [message] = renderCard(card([item(1), item(2)]));
    const menus = sections(message).map((block) => block.accessory);
    expect(menus).toHaveLength(2);
    expect(menus[0]).toEqual({
      type: 'overflow',
      action_id: FEEDBACK_ACTION_ID,
      options: [
        { text: { type: 'plain_text', text: '👍 Relevant' }, value: 'fb1:r:2606.00001' },
        { text: { type: 'plain_text', text: '👎 Not relevant' }, value: 'fb1:n:2606.00001' },
        { text: { type: 'plain_text', text: '🔖 Save' }, value: 'fb1:s:2606.00001' },
      ],
    });
    expect(menus[1]?.options.map((option) => readFeedbackValue(option.value))).toEqual([
      { kind: 'relevant', paperId: '2606.00002' },
      { kind: 'notRelevant', paperId: '2606.00002' },
      { kind: 'save', paperId: '2606.00002' },
    ]);
    expect(blockKitViolations(message as SlackMessage)).toEqual([]);
  });

  it('puts the menu on the paper in full too (a thread reply, a single paper)', () => {
    const [message] = renderCard(card([item(7)]));
    expect(sections(message)[0]?.accessory?.options[2]?.value).toBe('fb1:s:2606.00007');
    expect(
      sections(message)
        .slice(1)
        .every((block) => block.accessory === undefined),
    ).toBe(true);
  });

  it('shows no menu on a card without feedback, nor on a paper whose id makes no valid value', () => {
    const [plain] = renderCard(card([item(1), item(2)], { feedback: undefined }));
    expect(sections(plain).map((block) => block.accessory)).toEqual([undefined, undefined]);
    const [odd] = renderCard(card([item(1, { id: 'not an id' }), item(2)]));
    expect(sections(odd).map((block) => block.accessory === undefined)).toEqual([true, false]);
  });

  it('takes no block of its own: a 10-paper digest with its menus is one message of 22 blocks', () => {
    const messages = renderCard(card(Array.from({ length: 10 }, (_, index) => item(index + 1))));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.blocks).toHaveLength(22);
    expect(blockKitViolations(messages[0] as SlackMessage)).toEqual([]);
  });
});

describe('counts, who saved, and why', () => {
  it('shows "🔖 3 · 👍 5" in the context line, only what is not zero, and never 👎', () => {
    const [message] = renderCard(
      card([
        item(1, { counts: { relevant: 5, saved: 3 } }),
        item(2, { counts: { relevant: 0, saved: 0 } }),
        item(3, { counts: { relevant: 2, saved: 0 } }),
        item(4),
      ]),
    );
    expect(contexts(message).slice(1)).toEqual([
      'Ada Lovelace, Alan Turing et al. · 🔖 3 · 👍 5',
      'Ada Lovelace, Alan Turing et al.',
      'Ada Lovelace, Alan Turing et al. · 👍 2',
      'Ada Lovelace, Alan Turing et al.',
    ]);
    expect(contexts(message).join('\n')).not.toContain('👎');
  });

  it('shows no counts on a card without feedback', () => {
    const [message] = renderCard(
      card([item(1, { counts: { relevant: 5, saved: 3 } }), item(2)], { feedback: undefined }),
    );
    expect(JSON.stringify(message)).not.toContain('🔖 3');
  });

  it('mentions who saved a paper, only by real user ids, at most ten by name', () => {
    const savers = ['U0AAA1', 'W0BBB2', '<!channel>', 'U0AAA1', 'u-lower', '', '@here', 'U0CCC3>'];
    const [message] = renderCard(card([item(1, { savedBy: savers }), item(2)]));
    expect(contexts(message)[1]).toBe('Ada Lovelace, Alan Turing et al. · Saved by <@U0AAA1>, <@W0BBB2>');
    const many = Array.from({ length: 13 }, (_, index) => `U0${String(index).padStart(4, '0')}`);
    const [crowd] = renderCard(card([item(1, { savedBy: many }), item(2)]));
    expect(contexts(crowd)[1]).toMatch(/Saved by <@U00000>, .*<@U00009> and 3 more$/);
  });

  it('says why a learned ranking chose a paper in one escaped line', () => {
    const because = 'like "LoRA & <!channel> <http://evil|Tune>", which 3 of you saved';
    const [message] = renderCard(card([item(1, { because }), item(2)]));
    const text = sections(message)[0]?.text?.text ?? '';
    expect(text.split('\n').at(-1)).toBe(
      ':bulb: like "LoRA &amp; &lt;!channel&gt; &lt;http://evil|Tune&gt;", which 3 of you saved',
    );
  });
});

describe('posts and their redraws', () => {
  const counted = (shown: Card, counts: { relevant: number; saved: number }): Card => ({
    ...shown,
    items: shown.items.map((paper) => ({ ...paper, counts })),
  });

  it('says what each post shows: the listed papers on the parent, one paper on each thread reply', () => {
    const posts = renderPosts(card([item(1), item(2)]), { threads: true });
    expect(
      posts.map((post) => [
        post.threadOf,
        post.shown?.perPaper,
        post.shown?.card.items.map((paper) => paper.id),
      ]),
    ).toEqual([
      [null, false, ['2606.00001', '2606.00002']],
      [0, true, ['2606.00001']],
      [0, true, ['2606.00002']],
    ]);
  });

  it('draws every post again exactly as it was posted, and with new counts only the counts change', () => {
    const digest = card(
      Array.from({ length: 40 }, (_, index) => item(index + 1)),
      {
        notices: [{ tone: 'info', text: 'Late: paperboy was down.' }],
        footer: 'Change this with /papers config',
        actions: [{ kind: 'share', label: 'Share', value: 'pb1:0:5:::lora' }],
      },
    );
    for (const threads of [true, false]) {
      const posts = renderPosts(digest, { threads });
      expect(posts.filter((post) => post.threadOf === null).length).toBeGreaterThan(1);
      for (const post of posts) {
        if (!post.shown) continue;
        expect(renderShown(post.shown)).toEqual(post.message);
        const redrawn = renderShown({
          ...post.shown,
          card: counted(post.shown.card, { relevant: 5, saved: 3 }),
        });
        expect(redrawn.text).toBe(post.message.text);
        expect(redrawn.blocks.length).toBe(post.message.blocks.length);
        expect(blockKitViolations(redrawn)).toEqual([]);
        const changed = redrawn.blocks.filter(
          (block, index) => JSON.stringify(block) !== JSON.stringify(post.message.blocks[index]),
        );
        expect(changed.length).toBe(post.shown.card.items.length);
        expect(
          changed.every((block) => block.type === 'context' && JSON.stringify(block).includes('🔖 3 · 👍 5')),
        ).toBe(true);
      }
    }
  });

  it('keeps the list numbers of a continued message when it is drawn again', () => {
    const posts = renderPosts(card(Array.from({ length: 40 }, (_, index) => item(index + 1))), {
      threads: true,
    });
    const second = posts[1];
    const first = /^(\d+)\. /.exec(sections(second?.message)[0]?.text?.text ?? '')?.[1];
    expect(Number(first)).toBeGreaterThan(1);
    const redrawn = renderShown(second?.shown ?? { card: card([]), perPaper: false });
    expect(sections(redrawn)[0]?.text?.text).toMatch(new RegExp(`^${first}\\. `));
    expect(blocksOf(redrawn).some((block) => block.type === 'header')).toBe(false);
  });

  it('without threads, a single paper is a post about one paper (its reactions count)', () => {
    const [post] = renderPosts(card([item(1)]), { threads: false });
    expect(post?.shown?.perPaper).toBe(true);
    expect(renderShown(post?.shown ?? { card: card([]), perPaper: true })).toEqual(post?.message);
  });

  it('keeps nothing to redraw for a card without feedback', () => {
    const posts = renderPosts(card([item(1), item(2)], { feedback: undefined }), { threads: true });
    expect(posts.map((post) => post.shown)).toEqual([undefined, undefined, undefined]);
  });
});
