import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

/** A raw form-encoded Web API call, as web-api sends it (objects as JSON strings). */
async function call(method: string, params: Record<string, string>, token: string | null = 'xoxb-t') {
  const response = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: new URLSearchParams(params).toString(),
  });
  return (await response.json()) as { ok: boolean; error?: string; permalink?: string };
}

const card = { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*A paper*' } }] };
const unfurls = (value: unknown) => JSON.stringify(value);

describe('the fake Slack keeps to the rules of chat.unfurl', () => {
  it('takes cards by unfurl_id and source, or by channel and ts, and records them', async () => {
    const url = 'https://arxiv.org/abs/2612.00101';
    expect(
      await call('chat.unfurl', { unfurl_id: 'U1-x', source: 'composer', unfurls: unfurls({ [url]: card }) }),
    ).toEqual({
      ok: true,
    });
    expect(
      await call('chat.unfurl', { channel: 'C1', ts: '1.2', unfurls: unfurls({ [url]: card }) }),
    ).toEqual({ ok: true });
    expect(fake.unfurls.map((taken) => taken.target)).toEqual([
      { unfurlId: 'U1-x', source: 'composer' },
      { channel: 'C1', ts: '1.2' },
    ]);
    expect(fake.unfurls[0]?.unfurls[url]).toEqual(card);
  });

  it('refuses what Slack refuses', async () => {
    const url = 'https://export.arxiv.org/abs/2612.00101';
    const ok = unfurls({ [url]: card });
    expect((await call('chat.unfurl', { channel: 'C1', ts: '1.2', unfurls: ok }, null)).error).toBe(
      'not_authed',
    );
    expect((await call('chat.unfurl', { unfurls: ok })).error).toBe('invalid_arguments');
    expect((await call('chat.unfurl', { channel: 'C1', unfurls: ok })).error).toBe('invalid_arguments');
    expect((await call('chat.unfurl', { unfurl_id: 'x', source: 'elsewhere', unfurls: ok })).error).toBe(
      'invalid_arguments',
    );
    const target = { channel: 'C1', ts: '1.2' };
    expect((await call('chat.unfurl', { ...target, unfurls: '{not json' })).error).toBe('invalid_unfurls');
    expect((await call('chat.unfurl', { ...target, unfurls: '[]' })).error).toBe('invalid_unfurls');
    expect((await call('chat.unfurl', { ...target, unfurls: '{}' })).error).toBe('invalid_unfurls');
    expect((await call('chat.unfurl', { ...target, unfurls: unfurls({ 'not a url': card }) })).error).toBe(
      'invalid_unfurls',
    );
    expect((await call('chat.unfurl', { ...target, unfurls: unfurls({ [url]: {} }) })).error).toBe(
      'invalid_unfurls',
    );
    const tooLong = { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] };
    expect((await call('chat.unfurl', { ...target, unfurls: unfurls({ [url]: tooLong }) })).error).toBe(
      'invalid_unfurls',
    );
    expect(
      (await call('chat.unfurl', { ...target, unfurls: unfurls({ 'https://example.org/paper': card }) }))
        .error,
    ).toBe('cannot_unfurl_url');
    fake.grantScopes('xoxb-t', ['chat:write', 'links:read']);
    expect((await call('chat.unfurl', { ...target, unfurls: ok })).error).toBe('missing_scope');
    expect(fake.unfurls).toEqual([]);
  });
});

describe('the fake Slack keeps to the rules of chat.getPermalink', () => {
  it('links a message it has, and no other', async () => {
    const message = fake.messages.seed({ channel: 'C1', user: 'U1' });
    expect(await call('chat.getPermalink', { channel: 'C1', message_ts: message.ts })).toMatchObject({
      ok: true,
      permalink: `https://test.slack.com/archives/C1/p${message.ts.replace('.', '')}`,
    });
    expect((await call('chat.getPermalink', { channel: 'C2', message_ts: message.ts })).error).toBe(
      'message_not_found',
    );
    expect((await call('chat.getPermalink', { message_ts: message.ts })).error).toBe('channel_not_found');
  });
});
