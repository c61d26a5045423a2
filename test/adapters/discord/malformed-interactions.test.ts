import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, rawRequest } from '../../http/raw-http.js';
import {
  APPLICATION_ID,
  CHANNEL_ID,
  channelMessage,
  commandInteraction,
  type DiscordOverHttp,
  GUILD_ID,
  messageCommandInteraction,
  NOW,
  signRequest,
  startDiscordOverHttp,
} from './discord-fixtures.js';

const nowSeconds = String(Math.floor(NOW.getTime() / 1000));
const PING = JSON.stringify({ id: '1', application_id: APPLICATION_ID, type: 1, token: 't' });

let harness: DiscordOverHttp;
let privateKey: KeyObject;
let url: string;
beforeAll(async () => {
  harness = await startDiscordOverHttp();
  ({ privateKey, url } = harness);
});
afterAll(async () => harness?.close());

const signedHeaders = (body: string) => ({
  'content-type': 'application/json',
  'x-signature-ed25519': signRequest(privateKey, nowSeconds, body),
  'x-signature-timestamp': nowSeconds,
});

/** POSTs a body signed with the application's key, so only its content can be wrong. */
async function send(body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, { method: 'POST', headers: signedHeaders(text), body: text });
  return { status: response.status, text: await response.text() };
}

const papers = (options: unknown[], extra: Record<string, unknown> = {}) => ({
  ...commandInteraction('papers'),
  data: { id: '800000000000000001', name: 'papers', type: 1, options },
  ...extra,
});
const topic = (value: unknown) => ({ name: 'topic', type: 3, value });
const click = (data: Record<string, unknown>) => ({
  ...commandInteraction('papers', [], { token: 'click-token' }),
  type: 3,
  data,
});

/** Message commands ("Paper card") whose message is missing or cannot be read. */
function messageCommandProblems(): [string, unknown, string][] {
  const card = messageCommandInteraction(channelMessage('see arxiv.org/abs/2606.93392'), {
    token: 'card-token',
  });
  const target = card.data.resolved.messages[card.data.target_id];
  const withMessage = (message: unknown) => ({
    ...card,
    data: { ...card.data, resolved: { messages: { [card.data.target_id]: message } } },
  });
  return [
    [
      'a message command without resolved messages',
      { ...card, data: { ...card.data, resolved: undefined } },
      'data.resolved',
    ],
    [
      'a message command whose target is not among them',
      { ...card, data: { ...card.data, target_id: '910000000000000999' } },
      'the target message is not in resolved.messages',
    ],
    [
      'a message command without target_id',
      { ...card, data: { ...card.data, target_id: undefined } },
      'data.target_id',
    ],
    ['a target message without an author', withMessage({ ...target, author: undefined }), 'author'],
    ['a target message whose text is a number', withMessage({ ...target, content: 42 }), 'content'],
    ['an embed URL that is not text', withMessage({ ...target, embeds: [{ url: 7 }] }), 'embeds.0.url'],
    [
      'a target message longer than Discord allows (4000)',
      withMessage({ ...target, content: 'x'.repeat(4001) }),
      'content',
    ],
  ];
}

/** The process still answers: PING gets PONG and a real search gets its results. */
async function stillServing() {
  expect(await send(PING)).toEqual({ status: 200, text: '{"type":1}' });
  const search = await send(commandInteraction('papers', [topic('lora')], { token: 'after-token' }));
  expect(search.status).toBe(200);
  expect(JSON.parse(search.text).type).toBeGreaterThanOrEqual(4);
}

describe('malformed but correctly signed Discord interactions', () => {
  it.each([
    ['options given as a string', papers('lora' as never), 'data.options'],
    ['options given as an object', papers({ topic: 'lora' } as never), 'data.options'],
    ['an option value that is an object', papers([topic({ text: 'lora' })]), 'data.options.0'],
    ['an integer option holding text', papers([{ name: 'limit', type: 4, value: 'five' }]), 'value'],
    ['a string option holding a number', papers([topic(42)]), 'value'],
    ['a number as the command name', { ...papers([]), data: { name: 7 } }, 'data.name'],
    ['the type as a string', { ...papers([]), type: '2' }, 'type'],
    ['a guild id that is not a snowflake', papers([], { guild_id: 'my-server' }), 'guild_id'],
    ['permissions as a number', papers([], { member: { permissions: 16 } }), 'member.permissions'],
    ['a channel given as a string', papers([], { channel: CHANNEL_ID }), 'channel'],
  ])('answers 400 to %s', async (_name, body, path) => {
    const { status, text } = await send(body);
    expect(status).toBe(400);
    expect(text).toMatch(/^invalid interaction: /);
    expect(text).toContain(path);
  });

  it.each([
    ['a null body', null, 'an interaction must be a JSON object'],
    ['an array', [papers([])], 'an interaction must be a JSON object'],
    ['an empty object', {}, 'type: missing is not an interaction paperboy answers'],
    ['an unknown type', { ...papers([]), type: 99 }, 'type: 99 is not an interaction paperboy answers'],
    ['a modal submit without its fields', { ...papers([]), type: 5 }, 'data.custom_id'],
    [
      'a modal text input holding a number',
      {
        ...papers([]),
        type: 5,
        data: {
          custom_id: 'p|m|time',
          components: [{ type: 1, components: [{ type: 4, custom_id: 'time', value: 930 }] }],
        },
      },
      'data.components.0.components.0.value',
    ],
    ['a command without data', { ...papers([]), data: undefined }, 'data'],
    ['a command without a token', { ...papers([]), token: undefined }, 'token'],
    ['a command without an id', { ...papers([]), id: undefined }, 'id'],
    ['a click without custom_id', click({ component_type: 2 }), 'data.custom_id'],
    [
      'select values given as a string',
      click({ custom_id: 'f|pick:s', component_type: 3, values: 'fb1:s:2606.93392' }),
      'data.values',
    ],
    [
      'a select value that is a number',
      click({ custom_id: 'f|pick:s', component_type: 3, values: [2606.93392] }),
      'data.values.0',
    ],
    ['an attachment limit as text', papers([], { attachment_size_limit: '10MB' }), 'attachment_size_limit'],
    ...messageCommandProblems(),
  ])('answers 400 to %s', async (_name, body, problem) => {
    const { status, text } = await send(body);
    expect(status).toBe(400);
    expect(text).toContain(problem);
  });

  it.each([
    ['a topic longer than Discord allows (6000)', papers([topic('x'.repeat(6001))]), 'data.options.0.value'],
    [
      'a custom_id over 100 characters',
      click({ custom_id: `n|${'x'.repeat(99)}`, component_type: 2 }),
      'custom_id',
    ],
    ['a 5000-character command name', { ...papers([]), data: { name: 'p'.repeat(5000) } }, 'data.name'],
    ['a 2000-character token', { ...papers([]), token: 't'.repeat(2000) }, 'token'],
    ['a token that would change the callback path', { ...papers([]), token: 'a/../../users/@me' }, 'token'],
    ['26 options', papers(Array.from({ length: 26 }, () => topic('lora'))), 'data.options'],
    [
      'a select with 26 values',
      click({
        custom_id: 'f|pick:s',
        component_type: 3,
        values: Array.from({ length: 26 }, () => 'fb1:s:2606.93392'),
      }),
      'data.values',
    ],
    [
      'a select value over 100 characters',
      click({ custom_id: 'f|pick:s', component_type: 3, values: ['v'.repeat(101)] }),
      'data.values.0',
    ],
  ])('answers 400 to %s, without echoing it', async (_name, body, path) => {
    const { status, text } = await send(body);
    expect(status).toBe(400);
    expect(text).toContain(path);
    expect(text.length).toBeLessThan(400);
  });

  it('still answers PING and commands after all of them', stillServing);

  it('takes what recent bodies carry beyond what it reads: extra keys, 2^53-1 permissions, a DM', async () => {
    const recent = {
      ...commandInteraction('papers', [topic('lora')], {
        token: 'recent-token',
        permissions: '9007199254740991',
      }),
      attachment_size_limit: 10_485_760,
      entitlement_sku_ids: [],
      guild: { id: GUILD_ID, locale: 'en-US', features: [] },
      context: 0,
    };
    expect((await send(recent)).status).toBe(200);
    const {
      member,
      guild_id: _guild,
      ...rest
    } = commandInteraction('papers', [topic('lora')], {
      token: 'dm-token',
    });
    const direct = await send({ ...rest, user: member.user, context: 1 });
    expect(direct.status).toBe(200);
    expect(direct.text).toContain('paperboy works in server channels');
  });

  it('answers 413 to a body over 100 kB and the next request on the same connection at once', async () => {
    const huge = JSON.stringify(papers([topic('x'.repeat(150_000))]));
    const { port } = new URL(url);
    const path = new URL(url).pathname;
    const { responses, closedByServer } = await exchange(Number(port), [
      rawRequest('POST', path, { ...signedHeaders(huge), 'content-length': Buffer.byteLength(huge) }, huge),
      rawRequest('POST', path, { ...signedHeaders(PING), 'content-length': Buffer.byteLength(PING) }, PING),
    ]);
    expect(responses.map((response) => [response.status, response.body])).toEqual([
      [413, 'request body over 100000 bytes\n'],
      [200, '{"type":1}'],
    ]);
    expect(closedByServer).toBe(false);
    await stillServing();
  });
});
