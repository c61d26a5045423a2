import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { type ResponseUrlReceiver, startResponseUrlReceiver } from '../../helpers/fake-slack-receivers.js';
import { type SocketEnvelope, startFakeSocketMode } from '../../helpers/fake-slack-socket.js';
import { readSlackJson, SLACK_PAYLOAD } from '../../helpers/recorded-slack-payloads.js';
import { describeRecorded } from '../../helpers/shared-data.js';
import { NOW, openBotDatabase, slackConfig } from './slack-harness.js';

/** Slack's Socket Mode client waits five seconds before it reconnects. */
const RECONNECT_MS = 15_000;

describeRecorded('Slack Socket Mode with the frames Slack really sends', () => {
  let handle: DatabaseHandle;
  let fake: FakeSlack;
  let socket: Awaited<ReturnType<typeof startFakeSocketMode>>;
  let responses: ResponseUrlReceiver;
  let adapter: ChatAdapter;
  const hello = () => readSlackJson(SLACK_PAYLOAD.socketHello);

  beforeAll(async () => {
    const opened = await openBotDatabase();
    handle = opened.handle;
    fake = await startFakeSlack();
    socket = await startFakeSocketMode({ hello: hello() });
    responses = await startResponseUrlReceiver();
    fake.setSocketUrl(socket.url);
    const config = slackConfig(fake, { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' });
    adapter = createSlackAdapter(
      {
        config,
        bot: opened.bot,
        http: createHttpServer(silentLogger),
        db: handle.db,
        logger: silentLogger,
        now: () => NOW,
      },
      { ackBudgetMs: 1000 },
    );
    await adapter.start();
    await socket.connected();
  });
  afterAll(async () => {
    await adapter?.stop();
    await socket?.close();
    await responses?.close();
    await fake?.close();
    await handle?.close();
  });

  /** The recorded slash_commands envelope, re-targeted at /papers with this text and a local response_url. */
  const slashCommand = (text: string, id: string): SocketEnvelope => {
    const envelope = readSlackJson<SocketEnvelope>(SLACK_PAYLOAD.socketSlashCommand);
    return {
      ...envelope,
      payload: { ...envelope.payload, command: '/papers', text, response_url: responses.url(id) },
    };
  };

  it('acks the recorded slash_commands envelope with the answer, after a hello with two connections', async () => {
    expect(hello()).toMatchObject({ type: 'hello', num_connections: 2 });
    const envelope = slashCommand('', 'today');
    expect(envelope.accepts_response_payload).toBe(true);
    const ack = await socket.sendEnvelope(envelope);
    expect(ack.envelope_id).toBe(envelope.envelope_id);
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.payload?.blocks)).toContain('Daily Papers · Fri, 12 Jun 2026');
    expect(JSON.stringify(ack.payload?.blocks)).toContain('Gridlock: A City-Scale Benchmark');
    expect(socket.strayAcks).toEqual([]);
  });

  it.each([
    ['a message', SLACK_PAYLOAD.socketMessageEvent],
    ['an app_mention', SLACK_PAYLOAD.socketAppMention],
  ])(
    'acks a recorded events_api envelope for %s event, which paperboy does not listen to',
    async (_name, file) => {
      const envelope = readSlackJson<SocketEnvelope>(file);
      const ack = await socket.sendEnvelope(envelope);
      expect(ack).toMatchObject({ envelope_id: envelope.envelope_id, payload: {} });
    },
  );

  it.each([
    ['warning', SLACK_PAYLOAD.socketDisconnectWarning],
    ['too_many_websockets', SLACK_PAYLOAD.socketDisconnectTooMany],
  ])(
    'reconnects after a recorded disconnect (%s) and answers on the new connection',
    async (reason, file) => {
      const frame = readSlackJson(file);
      expect(frame).toMatchObject({ type: 'disconnect', reason });
      const count = socket.connections();
      const opens = fake.callsTo('apps.connections.open').length;
      socket.frame(frame);
      await socket.nextConnection(count);
      expect(fake.callsTo('apps.connections.open')).toHaveLength(opens + 1);
      const ack = await socket.sendEnvelope(slashCommand('help', `after-${reason}`));
      expect(JSON.stringify(ack.payload?.blocks)).toContain('paperboy commands');
    },
    RECONNECT_MS,
  );
});
