import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../src/adapters/slack/channel-pacer.js';
import { createSlackPoster } from '../../../src/adapters/slack/slack-poster.js';
import type { Card, PaperItem, SeenLine } from '../../../src/core/cards/card.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import { type FakeReply, type FakeSlack, slackError, startFakeSlack } from '../../helpers/fake-slack.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const item: PaperItem = {
  id: '2612.00101',
  title: 'Quillwork: Sparse Adapters for Tiny Language Models',
  url: 'https://huggingface.co/papers/2612.00101',
  upvotes: 42,
  comments: null,
  authors: 'Ada Quill',
  date: '2026-12-01',
  code: null,
  summary: 'Sparse adapters help.',
  matchedTerm: null,
  abstract: 'Sparse adapters help. A lot.',
  links: [],
};
const seen: SeenLine[] = [
  {
    kind: 'shared',
    paperId: '2612.00102',
    title: '<!channel> Lanterns',
    url: 'https://arxiv.org/abs/2612.00102',
    sharedBy: 'U7',
    day: '2026-11-30',
    message: { id: '1700000000.000100', link: 'https://test.slack.com/archives/C1/p1700000000000100' },
  },
];
const card: Card = {
  header: 'Your paper digest',
  items: [item, { ...item, id: '2612.00103', url: 'https://huggingface.co/papers/2612.00103' }],
  notices: [],
  actions: [],
  feedback: true,
  seen,
  fallback: 'Your paper digest',
};

let fake: FakeSlack;
/** Every pacer wait: which channel, and when on the pacer's clock. */
const waits: { key: string; at: number }[] = [];
let paced = 0;
let installed = true;

const poster = () =>
  createSlackPoster({
    client: new webApi.WebClient(undefined, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    }),
    tokenFor: async () => (installed ? 'xoxb-test-token' : null),
    pacer: (() => {
      const inner = createChannelPacer({
        now: () => paced,
        sleep: async (ms) => {
          paced += ms;
        },
      });
      return {
        async wait(key: string) {
          await inner.wait(key);
          waits.push({ key, at: paced });
        },
      };
    })(),
    logger: silentLogger,
  });

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
  waits.length = 0;
  installed = true;
});

describe('the Slack poster', () => {
  it('posts a digest with seen lines that Slack takes, escaped', async () => {
    const ids: string[] = [];
    await poster().post(
      {
        channel: { ...ref, settings: DEFAULT_SETTINGS, active: true, inactiveReason: null },
        card,
        threads: false,
        idempotencyKey: 'k',
        partsSent: 0,
        messageIds: [],
      },
      async (id) => {
        ids.push(id);
      },
    );
    expect(ids).toHaveLength(1);
    const posted = fake.messages.at('C1', ids[0] ?? '');
    const blocks = JSON.stringify(posted?.blocks);
    expect(blocks).toContain('*Already shared here*');
    expect(blocks).toContain('&lt;!channel&gt; Lanterns');
    expect(blocks).toContain('shared by <@U7> on Mon 30 Nov');
  });

  it('paces edits with the same per-channel pacer as posts', async () => {
    const slack = poster();
    const ids: string[] = [];
    await slack.post(
      {
        channel: { ...ref, settings: DEFAULT_SETTINGS, active: true, inactiveReason: null },
        card,
        threads: false,
        idempotencyKey: 'k2',
        partsSent: 0,
        messageIds: [],
      },
      async (id) => {
        ids.push(id);
      },
    );
    const messageId = ids[0] ?? '';
    await slack.edit?.({ channel: ref, messageId, card, perPaper: false });
    await slack.edit?.({ channel: ref, messageId, card, perPaper: false });
    expect(waits.map((wait) => wait.key)).toEqual(['slack:T1:C1', 'slack:T1:C1', 'slack:T1:C1']);
    const [post, first, second] = waits.map((wait) => wait.at);
    expect((first ?? 0) - (post ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(fake.messages.at('C1', messageId)?.updates).toBe(2);
  });

  describe('messageLink', () => {
    it("is the message's permalink, with the thread for a reply", async () => {
      const message = fake.messages.seed({ channel: 'C1', user: 'U7', text: 'a paper' });
      const reply = fake.messages.seed({ channel: 'C1', user: 'U8', text: 'thanks', threadTs: message.ts });
      const slack = poster();
      expect(await slack.messageLink?.(ref, message.ts)).toBe(
        `https://test.slack.com/archives/C1/p${message.ts.replace('.', '')}`,
      );
      expect(await slack.messageLink?.(ref, reply.ts)).toBe(
        `https://test.slack.com/archives/C1/p${reply.ts.replace('.', '')}?thread_ts=${message.ts}&cid=C1`,
      );
      expect(fake.callsTo('chat.getPermalink')[0]?.params).toMatchObject({
        channel: 'C1',
        message_ts: message.ts,
      });
    });

    it('is null, never an error, for an unknown message, a failing or rate-limited Slack, or no installation', async () => {
      const slack = poster();
      expect(await slack.messageLink?.(ref, '1.2')).toBeNull();
      const message = fake.messages.seed({ channel: 'C1', user: 'U7' });
      const replies: FakeReply[] = [
        { status: 500 },
        { status: 429, retryAfterSeconds: 30 },
        slackError('channel_not_found'),
      ];
      let reply: FakeReply | undefined;
      fake.rule('chat.getPermalink', () => reply);
      for (reply of replies)
        expect(await slack.messageLink?.(ref, message.ts), JSON.stringify(reply)).toBeNull();
      reply = undefined;
      expect(await slack.messageLink?.(ref, message.ts)).not.toBeNull();
      installed = false;
      expect(await slack.messageLink?.(ref, message.ts)).toBeNull();
    });
  });
});
