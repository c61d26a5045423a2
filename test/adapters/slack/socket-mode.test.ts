import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { type ResponseUrlReceiver, startResponseUrlReceiver } from '../../helpers/fake-slack-receivers.js';
import { startFakeSocketMode } from '../../helpers/fake-slack-socket.js';
import { instrumentedBot, NOW, openBotDatabase, slackConfig } from './slack-harness.js';

let handle: DatabaseHandle;
let fake: FakeSlack;
let socket: Awaited<ReturnType<typeof startFakeSocketMode>>;
let responses: ResponseUrlReceiver;
let adapter: ChatAdapter;
let delayMs = 0;

beforeAll(async () => {
  const opened = await openBotDatabase();
  handle = opened.handle;
  fake = await startFakeSlack();
  socket = await startFakeSocketMode();
  responses = await startResponseUrlReceiver();
  fake.setSocketUrl(socket.url);
  const config = slackConfig(fake, { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' });
  const bot = instrumentedBot(opened.bot, () => delayMs).bot;
  const http = createHttpServer(silentLogger);
  // A generous budget, so quick answers reliably travel in the envelope's ack.
  adapter = createSlackAdapter(
    { config, bot, http, db: handle.db, logger: silentLogger, now: () => NOW },
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

const slashCommand = (text: string, id: string) => ({
  token: 'deprecated',
  team_id: 'T1',
  team_domain: 'test',
  channel_id: 'C1',
  channel_name: 'papers',
  user_id: 'U1',
  user_name: 'ada',
  command: '/papers',
  text,
  api_app_id: 'A1',
  is_enterprise_install: 'false',
  response_url: responses.url(id),
  trigger_id: '1.2.3',
});

describe('Socket Mode', () => {
  it('connects with the app token through apps.connections.open', () => {
    const [open] = fake.callsTo('apps.connections.open');
    expect(open?.token).toBe('xapp-1-test');
  });

  it('acks a slash_commands envelope with the answer in its payload', async () => {
    const ack = await socket.send('slash_commands', slashCommand('help', 'help'));
    expect(ack.ms).toBeLessThan(3000);
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.payload?.blocks)).toContain('paperboy commands');
    expect(socket.strayAcks).toEqual([]);
  });

  it('acks a button click (interactive envelope) and answers through response_url', async () => {
    const answer = await socket.send('slash_commands', slashCommand('topic:benchmark limit:2', 'search'));
    const actions = (
      (answer.payload?.blocks ?? []) as { type: string; elements?: { value: string }[] }[]
    ).find((block) => block.type === 'actions');
    const ack = await socket.send('interactive', {
      type: 'block_actions',
      team: { id: 'T1', domain: 'test' },
      user: { id: 'U1', username: 'ada', team_id: 'T1' },
      api_app_id: 'A1',
      container: { type: 'message', message_ts: '1.2', channel_id: 'C1', is_ephemeral: true },
      channel: { id: 'C1', name: 'papers' },
      response_url: responses.url('next'),
      actions: [
        { action_id: 'papers_next', block_id: 'b', type: 'button', value: actions?.elements?.[0]?.value },
      ],
    });
    expect(ack.ms).toBeLessThan(3000);
    const [page2] = await responses.waitFor('next');
    expect(page2?.body).toMatchObject({ replace_original: true });
    expect(JSON.stringify(page2?.body.blocks)).toContain('page 2 of');
  });

  it('acks at once while the store is slow, and answers through response_url', async () => {
    delayMs = 2500;
    try {
      const ack = await socket.send('slash_commands', slashCommand('settings', 'slow'));
      expect(ack.ms).toBeLessThan(3000);
      expect(ack.payload ?? {}).toEqual({});
      const [post] = await responses.waitFor('slow');
      expect(JSON.stringify(post?.body.blocks)).toContain('Settings');
    } finally {
      delayMs = 0;
    }
  });
});
