import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { postSigned, slashCommandBody } from '../../helpers/fake-slack-receivers.js';
import { instrumentedBot, openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;

let handle: DatabaseHandle;
let slack: Harness;
let delayMs = 0;
let coreCalls: () => number;

beforeAll(async () => {
  const opened = await openBotDatabase();
  handle = opened.handle;
  const instrumented = instrumentedBot(opened.bot, () => delayMs);
  coreCalls = instrumented.calls;
  slack = await startSlackOverHttp({ bot: instrumented.bot as BotDependencies, handle });
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

const command = (text: string, id: string, extra: Partial<Parameters<typeof slashCommandBody>[0]> = {}) =>
  slashCommandBody({ text, responseUrl: slack.responses.url(id), ...extra });
const send = (body: string, options: Partial<Parameters<typeof postSigned>[2]> = {}) =>
  postSigned(slack.eventsUrl, body, { secret: SIGNING_SECRET, ...options });
const json = (text: string) =>
  JSON.parse(text) as { response_type?: string; text?: string; blocks?: { type: string }[] };

describe('slash commands over HTTP', () => {
  it('answers a correctly signed /papers help, privately', async () => {
    const answer = await send(command('help', 'help'));
    expect(answer.status).toBe(200);
    const body = json(await slack.firstAnswer(answer, 'help'));
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks?.[0]).toMatchObject({ type: 'header', text: { text: 'paperboy commands' } });
    expect(body.text).toContain('/papers');
  });

  it('answers a search with Next and Share in channel buttons', async () => {
    const body = json(
      await slack.firstAnswer(await send(command('topic:benchmark limit:3', 'search')), 'search'),
    );
    const actions = body.blocks?.find((block) => block.type === 'actions') as
      | { elements: { action_id: string; text: { text: string } }[] }
      | undefined;
    expect(actions?.elements.map((button) => [button.action_id, button.text.text])).toEqual([
      ['papers_next', 'Next'],
      ['papers_share', 'Share in channel'],
    ]);
  });

  it.each([
    ['a wrong signature', { headers: { 'x-slack-signature': 'v0=deadbeef' } }],
    ['a signature made with another secret', { secret: 'not-the-secret' }],
    ['a timestamp older than five minutes', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['no signature header', { headers: { 'x-slack-signature': null } }],
    ['no timestamp header', { headers: { 'x-slack-request-timestamp': null } }],
  ])('rejects a slash command with %s with 401, before the core sees it', async (_name, options) => {
    const before = coreCalls();
    const answer = await send(command('subscribe forged', 'forged'), options);
    expect(answer.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(coreCalls()).toBe(before);
    expect(slack.responses.postsFor('forged')).toEqual([]);
  });

  it('acks in under 3 s while the store is slow, and answers through response_url', async () => {
    delayMs = 2500;
    try {
      const answer = await send(command('subscriptions', 'slow'));
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(3000);
      expect(answer.text).toBe('');
      const [post] = await slack.responses.waitFor('slow');
      expect(post?.body).toMatchObject({ response_type: 'ephemeral' });
      expect(JSON.stringify(post?.body.blocks)).toContain('no subscriptions yet');
    } finally {
      delayMs = 0;
    }
  });

  it('answers every one of a burst of 100 commands', async () => {
    const ids = Array.from({ length: 100 }, (_, index) => `burst-${index}`);
    const answers = await Promise.all(
      ids.map((id, index) => send(command(index % 2 === 0 ? 'help' : 'topic:benchmark limit:2', id))),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(3000);
    const late = ids.filter((_, index) => answers[index]?.text === '');
    await Promise.all(late.map((id) => slack.responses.waitFor(id)));
    for (const [index, answer] of answers.entries()) {
      const body =
        answer.text === '' ? slack.responses.postsFor(ids[index] ?? '')[0]?.body : json(answer.text);
      expect(body?.blocks, ids[index]).toBeDefined();
    }
  });

  it('shows a command mistake with an example, privately', async () => {
    const body = json(await slack.firstAnswer(await send(command('limit:500 lora', 'mistake')), 'mistake'));
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('Example: `/papers');
  });
});
