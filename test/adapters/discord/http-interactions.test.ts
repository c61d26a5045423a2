import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../../helpers/fake-discord.js';
import {
  APPLICATION_ID,
  commandInteraction,
  type DiscordOverHttp,
  NOW,
  signRequest,
  startDiscordOverHttp,
  testKeyPair,
} from './discord-fixtures.js';

let discord: FakeDiscord;
let url: string;
let privateKey: KeyObject;
const nowSeconds = String(Math.floor(NOW.getTime() / 1000));

let harness: DiscordOverHttp;
beforeAll(async () => {
  harness = await startDiscordOverHttp();
  ({ discord, url, privateKey } = harness);
});
afterAll(async () => harness?.close());

async function post(body: string, headers: { signature?: string; timestamp?: string }) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(headers.signature ? { 'x-signature-ed25519': headers.signature } : {}),
      ...(headers.timestamp ? { 'x-signature-timestamp': headers.timestamp } : {}),
    },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

const signed = (body: string, timestamp = nowSeconds) =>
  post(body, { signature: signRequest(privateKey, timestamp, body), timestamp });

describe('HTTP interactions (POST /discord/interactions)', () => {
  it('answers a signed PING with PONG', async () => {
    expect(
      await signed(JSON.stringify({ id: '1', application_id: APPLICATION_ID, type: 1, token: 't' })),
    ).toEqual({
      status: 200,
      json: { type: 1 },
    });
  });

  it('answers a signed /papers topic:lora with the results in the HTTP response, without a gateway', async () => {
    const body = JSON.stringify(commandInteraction('papers', [{ name: 'topic', type: 3, value: 'lora' }]));
    const { status, json } = await signed(body);
    expect(status).toBe(200);
    const answer = await discord.answerFor(JSON.parse(body).token, json);
    expect(answer.flags).toBe(64);
    expect(answer.data.embeds.length).toBeGreaterThan(1);
    expect(discord.calls.some((call) => call.path === '/gateway/bot')).toBe(false);
  });

  it('answers an error with the core message and an example, privately', async () => {
    const body = JSON.stringify(
      commandInteraction('papers', [
        { name: 'topic', type: 3, value: 'lora' },
        { name: 'since', type: 3, value: 'yesterday' },
      ]),
    );
    const { json } = await signed(body);
    expect(json.data.flags).toBe(64);
    expect(json.data.embeds[0].description).toContain('since must be a span');
  });

  it('rejects a bad signature, a tampered body, a stale timestamp and missing headers with 401', async () => {
    const body = JSON.stringify({ id: '1', application_id: APPLICATION_ID, type: 1, token: 't' });
    const signature = signRequest(privateKey, nowSeconds, body);
    const other = testKeyPair();
    expect(
      (
        await post(body, {
          signature: signRequest(other.privateKey, nowSeconds, body),
          timestamp: nowSeconds,
        })
      ).status,
    ).toBe(401);
    expect(
      (await post(body.replace('"type":1', '"type":2'), { signature, timestamp: nowSeconds })).status,
    ).toBe(401);
    const stale = String(Number(nowSeconds) - 6 * 60);
    expect(
      (await post(body, { signature: signRequest(privateKey, stale, body), timestamp: stale })).status,
    ).toBe(401);
    expect(
      (
        await post(body, {
          signature: signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
          timestamp: nowSeconds,
        })
      ).status,
    ).toBe(401);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { signature: 'zz', timestamp: nowSeconds })).status).toBe(401);
  });
});
