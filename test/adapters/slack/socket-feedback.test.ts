import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { paperListCard } from '../../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { FeedbackStore, PostedMessages } from '../../../src/core/ports.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { eventCallback, feedbackChoice, reactionEvent } from '../../helpers/fake-slack-events.js';
import { type ResponseUrlReceiver, startResponseUrlReceiver } from '../../helpers/fake-slack-receivers.js';
import { startFakeSocketMode } from '../../helpers/fake-slack-socket.js';
import { NOW, openBotDatabase, slackConfig } from './slack-harness.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const PAPER = '2606.93392';
let handle: DatabaseHandle;
let bot: BotDependencies;
let fake: FakeSlack;
let socket: Awaited<ReturnType<typeof startFakeSocketMode>>;
let responses: ResponseUrlReceiver;
let adapter: ChatAdapter;
/** A thread reply about one paper, as the poster records it. */
let replyTs: string;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  fake = await startFakeSlack();
  socket = await startFakeSocketMode();
  responses = await startResponseUrlReceiver();
  fake.setSocketUrl(socket.url);
  const config = slackConfig(fake, { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' });
  adapter = createSlackAdapter({
    config,
    bot,
    http: createHttpServer(silentLogger),
    db: handle.db,
    logger: silentLogger,
    now: () => NOW,
  });
  await adapter.start();
  await socket.connected();
  await bot.channels.ensure(channel);
  const paper = await bot.catalog.getPaper(PAPER);
  if (!paper) throw new Error(`the fixture corpus has no ${PAPER}`);
  const card = { ...paperListCard('Detail', '', [paper]), feedback: true as const };
  replyTs = '1700000000.000300';
  await (bot.postedMessages as PostedMessages).record(
    { channel, messageId: replyTs, card, perPaper: true },
    NOW,
  );
});
afterAll(async () => {
  await adapter?.stop();
  await socket?.close();
  await responses?.close();
  await fake?.close();
  await handle?.close();
});

const countsOf = async () => (await (bot.feedback as FeedbackStore).counts(channel, [PAPER])).get(PAPER);

describe('feedback over Socket Mode', () => {
  it('acks a menu choice (interactive envelope) and confirms through response_url', async () => {
    const choice = feedbackChoice({
      value: `fb1:s:${PAPER}`,
      user: 'U1',
      channel: 'C1',
      messageTs: replyTs,
      responseUrl: responses.url('save'),
    });
    const ack = await socket.send('interactive', choice);
    expect(ack.ms).toBeLessThan(3000);
    const [answer] = await responses.waitFor('save');
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answer?.body.blocks)).toContain('Saved');
    expect(await countsOf()).toEqual({ relevant: 0, saved: 1 });
  });

  it('counts a reaction that arrives as an events_api envelope, and its removal', async () => {
    const reaction = { name: '+1', user: 'U2', channel: 'C1', ts: replyTs, itemUser: 'UBOT' };
    await socket.send('events_api', eventCallback(reactionEvent(reaction)));
    await expect.poll(countsOf).toEqual({ relevant: 1, saved: 1 });
    await socket.send('events_api', eventCallback(reactionEvent({ ...reaction, added: false })));
    await expect.poll(countsOf).toEqual({ relevant: 0, saved: 1 });
    expect(socket.strayAcks).toEqual([]);
  });
});
