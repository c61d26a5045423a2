import { describe, expect, it } from 'vitest';
import { renderCard, renderPosts, SLACK_LIMITS } from '../../../src/adapters/slack/blocks.js';
import { escapeMrkdwn, escapeWithin, mrkdwnLink } from '../../../src/adapters/slack/mrkdwn.js';
import type { Card, PaperItem } from '../../../src/core/cards/card.js';
import { blockKitViolations, controlSequences, mrkdwnTexts } from './block-limits.js';

const item = (index: number, overrides: Partial<PaperItem> = {}): PaperItem => ({
  id: `2606.${String(index).padStart(5, '0')}`,
  title: `Paper number ${index} about sparse attention`,
  url: `https://huggingface.co/papers/2606.${String(index).padStart(5, '0')}`,
  upvotes: 10 + index,
  comments: 2,
  authors: 'Ada Lovelace, Alan Turing, Grace Hopper et al.',
  date: '2026-06-12',
  code: { url: 'https://github.com/example/repo', stars: 42 },
  summary: 'A one-line summary of the paper.',
  matchedTerm: null,
  abstract: 'We study sparse attention. '.repeat(20),
  links: [
    { label: 'Hugging Face', url: 'https://huggingface.co/papers/2606.00001' },
    { label: 'arXiv', url: 'https://arxiv.org/abs/2606.00001' },
  ],
  ...overrides,
});

const card = (items: PaperItem[], overrides: Partial<Card> = {}): Card => ({
  header: 'Your paper digest',
  subheader: 'Daily Papers of Fri 12 Jun 2026',
  items,
  notices: [],
  actions: [],
  fallback: 'Your paper digest',
  ...overrides,
});

const ours = (url: string) => /^https:\/\/(huggingface\.co|arxiv\.org|github\.com)\//.test(url);

describe('escaping untrusted text', () => {
  it('escapes &, < and > so Slack shows them as text', () => {
    expect(escapeMrkdwn('<!channel> <http://evil|click> & co')).toBe(
      '&lt;!channel&gt; &lt;http://evil|click&gt; &amp; co',
    );
  });

  it('cuts before escaping, so an entity is never cut in half', () => {
    expect(escapeWithin('a & b & c & d', 12)).toBe('a &amp; b…');
  });

  it('keeps a link from being closed early and drops links that are not http(s)', () => {
    expect(mrkdwnLink('https://x.org/a|b>c d&e', 'label')).toBe('<https://x.org/a%7Cb%3Ec%20d&amp;e|label>');
    expect(mrkdwnLink('javascript:alert(1)', 'label')).toBe('label');
  });

  it('renders a title, summary, authors and term crafted to ping or link as plain text', () => {
    const evil = item(1, {
      title: '<!channel> <http://evil|click>',
      summary: '<@U123> <!here> & friends',
      authors: '<!everyone>',
      matchedTerm: '<#C123>',
    });
    const messages = renderCard(card([evil, item(2)], { fallback: '1. <!channel> <http://evil|click>' }));
    const texts = messages.flatMap(mrkdwnTexts);
    for (const text of texts) expect(controlSequences(text, ours)).toEqual([]);
    expect(texts.join('\n')).toContain('&lt;!channel&gt; &lt;http://evil|click&gt;');
    expect(messages[0]?.text).toBe('1. &lt;!channel&gt; &lt;http://evil|click&gt;');
  });
});

describe('rendering cards as Block Kit', () => {
  it('shows a paper as a title link, a meta line and its summary, then authors and matched term', () => {
    const [message] = renderCard(card([item(1, { matchedTerm: '"sparse attention"' }), item(2)]));
    expect(message?.blocks.slice(0, 4)).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Your paper digest', emoji: true } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Daily Papers of Fri 12 Jun 2026' }] },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '1. *<https://huggingface.co/papers/2606.00001|Paper number 1 about sparse attention>*\n▲ 11 · :speech_balloon: 2 · 2026-06-12 · <https://github.com/example/repo|Code> ★ 42\nA one-line summary of the paper.',
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Ada Lovelace, Alan Turing, Grace Hopper et al. · Matched: "sparse attention"',
          },
        ],
      },
    ]);
  });

  it('splits a long digest into several messages, header first and buttons last, every paper once', () => {
    const items = Array.from({ length: 60 }, (_, index) => item(index + 1));
    const messages = renderCard(
      card(items, { actions: [{ kind: 'nextPage', label: 'Next', value: 'pb1:1:5:::lora' }] }),
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(blockKitViolations(message)).toEqual([]);
    expect(
      messages.filter((message) => message.blocks.some((block) => block.type === 'header')),
    ).toHaveLength(1);
    expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
    const numbers = messages
      .flatMap((message) => message.blocks)
      .flatMap((block) =>
        block.type === 'section' ? [/^(\d+)\. \*/.exec(block.text?.text ?? '')?.[1]] : [],
      );
    expect(numbers).toEqual(items.map((_, index) => String(index + 1)));
    expect(messages[1]?.text).toMatch(/^Your paper digest \(continued\)\n/);
  });

  it('in thread mode lists the papers in the parent and puts each abstract and links in a reply to it', () => {
    const posts = renderPosts(card([item(1), item(2)]), { threads: true });
    expect(posts.map((post) => post.threadOf)).toEqual([null, 0, 0]);
    expect(JSON.stringify(posts[0]?.message.blocks)).not.toContain('We study sparse attention');
    expect(JSON.stringify(posts[1]?.message.blocks)).toContain('We study sparse attention');
    expect(JSON.stringify(posts[1]?.message.blocks)).toContain('<https://arxiv.org/abs/2606.00001|arXiv>');
    expect(posts[2]?.message.text).toBe(
      'Paper number 2 about sparse attention — https://huggingface.co/papers/2606.00002',
    );
  });

  it('replies under the parent message that lists the paper when the list takes several messages', () => {
    const posts = renderPosts(card(Array.from({ length: 40 }, (_, index) => item(index + 1))), {
      threads: true,
    });
    const parents = posts.filter((post) => post.threadOf === null).length;
    expect(parents).toBeGreaterThan(1);
    expect(posts.slice(parents).map((post) => post.threadOf)).toEqual(
      [...posts.slice(parents).map((post) => post.threadOf)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(posts.at(-1)?.threadOf).toBe(parents - 1);
  });

  it('shows a single paper in full: abstract and links', () => {
    const [message] = renderCard(card([item(1)]));
    expect(JSON.stringify(message?.blocks)).toContain('We study sparse attention');
    expect(JSON.stringify(message?.blocks)).toContain('|Hugging Face>');
  });

  it('labels the share button "Share in channel" and keeps a notice example as code', () => {
    const [message] = renderCard(
      card([], {
        notices: [
          {
            tone: 'error',
            text: 'Unknown timezone "Mars/Base".',
            example: '/papers schedule 09:30 Europe/Berlin',
          },
        ],
        actions: [{ kind: 'share', label: 'Share', value: 'pb1:0:5:::lora' }],
      }),
    );
    expect(JSON.stringify(message?.blocks)).toContain(
      ':x: Unknown timezone \\"Mars/Base\\".\\nExample: `/papers schedule 09:30 Europe/Berlin`',
    );
    expect(JSON.stringify(message?.blocks)).toContain('"text":"Share in channel"');
    expect(SLACK_LIMITS.blocksPerMessage).toBeLessThan(50);
  });
});
