import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../../src/adapters/discord/discord-poster.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import { cardParts, embedLength, renderCard, renderPart } from '../../../src/adapters/discord/embeds.js';
import { seenEmbed, seenLine, shortDay } from '../../../src/adapters/discord/seen-lines.js';
import type { Card, PaperItem, SeenLine } from '../../../src/core/cards/card.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { componentLimitError, messageLimitError } from '../../helpers/fake-discord-limits.js';
import { APPLICATION_ID, GUILD_ID } from './discord-fixtures.js';

const SHARER = '700000000000000042';
const LINK = `https://discord.com/channels/${GUILD_ID}/500000000000000001/910000000000000001`;

const shared = (overrides: Partial<SeenLine> = {}): SeenLine => ({
  kind: 'shared',
  paperId: '2606.93392',
  title: 'Helix: Sparse Attention for Genome-Scale DNA Language Models',
  url: 'https://huggingface.co/papers/2606.93392',
  sharedBy: SHARER,
  day: '2026-12-01',
  message: { id: '910000000000000001', link: LINK },
  ...overrides,
});
const since = (overrides: Partial<SeenLine> = {}): SeenLine => ({
  kind: 'since',
  paperId: '2606.93681',
  title: 'Gridlock: A City-Scale Benchmark for Traffic-Signal Agents',
  url: 'https://huggingface.co/papers/2606.93681',
  day: '2026-11-28',
  message: { id: '910000000000000002', link: LINK.replace(/1$/, '2') },
  news: '42 upvotes on Daily Papers · code',
  ...overrides,
});

const item = (index: number, overrides: Partial<PaperItem> = {}): PaperItem => ({
  id: `2606.${String(10_000 + index)}`,
  title: `A paper about attention, number ${index}`,
  url: `https://huggingface.co/papers/2606.${String(10_000 + index)}`,
  upvotes: 12,
  comments: 3,
  authors: 'Ada Lovelace, Alan Turing, Grace Hopper et al.',
  date: '2026-06-12',
  code: null,
  summary: 'We make attention sparse.',
  matchedTerm: null,
  abstract: 'We make attention sparse. It works.',
  links: [],
  ...overrides,
});
const digest = (items: PaperItem[], seen: SeenLine[]): Card => ({
  header: 'Your paper digest',
  subheader: 'Daily Papers of Tue 1 Dec 2026',
  items,
  notices: [],
  actions: [],
  feedback: true,
  footer: 'Vote with 👍 👎 🔖',
  seen,
  fallback: '',
});
type Embed = { title?: string; description?: string; footer?: { text: string } };

describe('seen lines on Discord', () => {
  it('says who shared a paper here and when, with the message, mentioning only the sharer', () => {
    expect(seenLine(shared())).toBe(
      `**Already shared here**: [Helix: Sparse Attention for Genome-Scale DNA Language Models](https://huggingface.co/papers/2606.93392) · shared by <@${SHARER}> on Tue 1 Dec → [message](${LINK})`,
    );
    expect(shortDay('2026-06-12')).toBe('Fri 12 Jun');
  });

  it('says what changed since the channel saw a paper, with its original post', () => {
    expect(seenLine(since())).toBe(
      `**Since you saw it**: [Gridlock: A City-Scale Benchmark for Traffic-Signal Agents](https://huggingface.co/papers/2606.93681): 42 upvotes on Daily Papers · code → [original](${LINK.replace(/1$/, '2')})`,
    );
  });

  it('shows no arrow without a message link, and no mention for an id that is not a Discord user', () => {
    expect(seenLine(shared({ message: { id: '910000000000000001', link: null } }))).not.toContain('→');
    expect(seenLine(shared({ message: null }))).not.toContain('→');
    const slackUser = seenLine(shared({ sharedBy: 'U0123ABCD' }));
    expect(slackUser).toContain('· shared on Tue 1 Dec');
    expect(slackUser).not.toContain('<@');
    expect(seenLine(shared({ day: 'someday' }))).toMatch(/· shared by <@\d+> →/);
  });

  it('escapes titles and news: no markdown, fake links, mentions or control characters get through', () => {
    const line = seenLine(
      shared({
        title: '**Bold** [click](https://evil.example) @everyone <@&123> `code`\u0007',
        url: 'javascript:alert(1)',
        sharedBy: '@here',
      }),
    );
    expect(line).toBe(
      '**Already shared here**: \\*\\*Bold\\*\\* \\[click\\]\\(https://evil.example\\) @\u200beveryone \\<@&123\\> \\`code\\` · shared on Tue 1 Dec → [message](' +
        LINK +
        ')',
    );
    const news = seenLine(since({ news: '[42](https://x.example) upvotes @here' }));
    expect(news).toContain(': \\[42\\]\\(https://x.example\\) upvotes @\u200bhere →');
    expect(news.match(/<@/g)).toBeNull();
  });

  it('keeps the block within its limits, counting the lines left out', () => {
    const many = Array.from({ length: 40 }, (_, index) =>
      shared({ paperId: `2606.${index}`, title: `${'Long title '.repeat(30)}${index}` }),
    );
    const embed = seenEmbed(many);
    const lines = embed?.description?.split('\n') ?? [];
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toMatch(/^\+\d+ more the channel already knows$/);
    expect(embed?.description?.length).toBeLessThanOrEqual(2500);
    expect(seenEmbed([])).toBeNull();
  });

  it.each([
    ['compact', 25],
    ['full', 3],
  ] as const)('adds them to a %s digest after its papers, within every Discord limit', (layout, papers) => {
    const seen = Array.from({ length: 12 }, (_, index) =>
      index % 2 === 0
        ? shared({ paperId: `2606.0${index}`, title: `${'Shared paper title '.repeat(8)}${index}` })
        : since({ paperId: `2606.0${index}`, title: `${'Updated paper title '.repeat(8)}${index}` }),
    );
    const items = Array.from({ length: papers }, (_, index) =>
      item(index, { title: 'Long '.repeat(60), summary: 'Summary '.repeat(120) }),
    );
    const messages = renderCard(digest(items, seen), layout);
    for (const message of messages) {
      expect(messageLimitError(message as unknown as Record<string, unknown>)).toBeNull();
      expect(componentLimitError(message.components)).toBeNull();
      expect(message.allowed_mentions).toEqual({ parse: [] });
    }
    const last = messages.at(-1);
    const lastEmbed = last?.embeds.at(-1) as Embed;
    expect(lastEmbed.description).toMatch(/^\*\*Already shared here\*\*: /);
    expect(lastEmbed.description).toContain('**Since you saw it**: ');
    // Only the last message shows them.
    const withSeen = messages.filter((message) =>
      message.embeds.some((embed) => embed.description?.includes('Already shared here')),
    );
    expect(withSeen).toEqual([last]);
    if (layout === 'compact') expect(lastEmbed.footer?.text).toBe('Vote with 👍 👎 🔖');
  });

  it('redraws a part with its seen lines as it was posted (measured with the largest counts)', () => {
    const card = digest([item(1), item(2)], [shared()]);
    const [part] = cardParts(card, 'compact');
    expect(part).toBeDefined();
    if (!part) return;
    const first = renderPart(part);
    const counted = renderPart({
      ...part,
      card: {
        ...part.card,
        items: part.card.items.map((entry) => ({ ...entry, counts: { relevant: 3, saved: 1 } })),
      },
    });
    expect(counted.embeds.at(-1)).toEqual(first.embeds.at(-1));
    expect(first.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThan(6000);
  });
});

describe('the Discord poster and seen lines', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  });
  afterAll(async () => discord?.close());
  const channel: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: '530000000000000001' };

  it("links a message by its id (Discord's message URL), and never throws", async () => {
    const poster = createDiscordPoster(createDiscordRest(discord.api, 'test-token'), silentLogger);
    await expect(poster.messageLink?.(channel, '910000000000000005')).resolves.toBe(
      `https://discord.com/channels/${GUILD_ID}/530000000000000001/910000000000000005`,
    );
    await expect(poster.messageLink?.({ ...channel, workspaceId: 'T0123' }, '1.5')).resolves.toBeNull();
  });

  it('posts a digest with its seen lines, linking the ones that name a message, and pinging nobody', async () => {
    const poster = createDiscordPoster(createDiscordRest(discord.api, 'test-token'), silentLogger);
    const card = digest(
      [item(1)],
      [shared({ message: { id: '910000000000000009', link: null } }), since({ message: null })],
    );
    await poster.post(
      {
        channel: { ...channel, settings: DEFAULT_SETTINGS, active: true, inactiveReason: null },
        card,
        threads: false,
        idempotencyKey: 'digest:seen',
        partsSent: 0,
        messageIds: [],
      },
      async () => {},
    );
    const [posted] = discord.messagesIn(channel.channelId);
    const embeds = (posted?.body.embeds ?? []) as Embed[];
    const seen = embeds.at(-1)?.description ?? '';
    expect(seen.split('\n')).toEqual([
      expect.stringContaining(
        `→ [message](https://discord.com/channels/${GUILD_ID}/530000000000000001/910000000000000009)`,
      ),
      expect.not.stringContaining('→'),
    ]);
    expect(posted?.body.allowed_mentions).toEqual({ parse: [] });
  });
});
