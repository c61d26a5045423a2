import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { postSigned, slashCommandBody } from '../../helpers/fake-slack-receivers.js';
import { openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Harness;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackOverHttp({ bot, handle, env: { SLACK_ADMIN_ONLY: 'true' } });
  slack.fake.makeAdmin('UADMIN');
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

const sendJson = (body: unknown) =>
  postSigned(slack.eventsUrl, JSON.stringify(body), {
    secret: SIGNING_SECRET,
    contentType: 'application/json',
  });
const command = (text: string, id: string, userId = 'U1', channelId = 'C1') =>
  postSigned(
    slack.eventsUrl,
    slashCommandBody({ text, responseUrl: slack.responses.url(id), userId, channelId }),
    {
      secret: SIGNING_SECRET,
    },
  );
const buttonClick = (actionId: string, value: string, id: string) =>
  postSigned(
    slack.eventsUrl,
    new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        team: { id: 'T1', domain: 'test' },
        user: { id: 'U1', username: 'ada', team_id: 'T1' },
        api_app_id: 'A1',
        token: 'deprecated',
        container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: true },
        trigger_id: '1.2.3',
        channel: { id: 'C1', name: 'papers' },
        response_url: slack.responses.url(id),
        actions: [
          {
            action_id: actionId,
            block_id: 'b1',
            type: 'button',
            value,
            text: { type: 'plain_text', text: 'x' },
            action_ts: '1',
          },
        ],
      }),
    }).toString(),
    { secret: SIGNING_SECRET },
  );
const event = (payload: Record<string, unknown>, teamId = 'T1') => ({
  token: 'deprecated',
  team_id: teamId,
  api_app_id: 'A1',
  type: 'event_callback',
  event_id: `Ev${Math.random().toString(36).slice(2)}`,
  event_time: 1_700_000_000,
  event: payload,
});
const buttonsOf = (body: string) => {
  const blocks = (
    JSON.parse(body) as { blocks: { type: string; elements?: { action_id: string; value: string }[] }[] }
  ).blocks;
  return blocks.find((block) => block.type === 'actions')?.elements ?? [];
};

describe('buttons', () => {
  it('"Next" replaces the answer with the next page; "Share in channel" posts the page for everyone', async () => {
    const answer = await command('topic:benchmark limit:2', 'first');
    const [next, share] = buttonsOf(await slack.firstAnswer(answer, 'first'));
    expect(next?.action_id).toBe('papers_next');

    expect((await buttonClick('papers_next', next?.value ?? '', 'next')).status).toBe(200);
    const [page2] = await slack.responses.waitFor('next');
    expect(page2?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(page2?.body.blocks)).toContain('page 2 of');

    expect((await buttonClick('papers_share', share?.value ?? '', 'share')).status).toBe(200);
    const [shared] = await slack.responses.waitFor('share');
    expect(shared?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(shared?.body.blocks)).toContain('Shared by <@U1>');
    expect(JSON.stringify(shared?.body.blocks)).not.toContain('papers_next');
  });

  it('says an unreadable button has expired', async () => {
    await buttonClick('papers_next', 'garbage', 'expired');
    const [post] = await slack.responses.waitFor('expired');
    expect(JSON.stringify(post?.body.blocks)).toContain('That button has expired');
  });
});

describe('SLACK_ADMIN_ONLY', () => {
  const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };

  it('refuses a subscription change from a member, clearly, and changes nothing', async () => {
    const answer = await slack.firstAnswer(await command('subscribe grokking', 'member', 'U1'), 'member');
    expect(answer).toContain('Only workspace admins and owners');
    expect(await bot.subscriptions.list(channel)).toEqual([]);
    expect(slack.fake.callsTo('users.info').at(-1)?.params.user).toBe('U1');
  });

  it('lets an admin subscribe, and lets everyone read', async () => {
    const answer = await slack.firstAnswer(await command('subscribe grokking', 'admin', 'UADMIN'), 'admin');
    expect(JSON.parse(answer).response_type).toBe('ephemeral');
    expect((await bot.subscriptions.list(channel)).map((term) => term.text)).toEqual(['grokking']);
    const reading = await slack.firstAnswer(await command('subscriptions', 'reader', 'U1'), 'reader');
    expect(reading).toContain('grokking');
  });
});

describe('scheduling in a channel the bot is not in', () => {
  it('confirms, and says to invite paperboy so the digest can be posted', async () => {
    slack.fake.rule('conversations.info', (params) =>
      params.channel === 'CLONELY'
        ? { body: { ok: true, channel: { id: 'CLONELY', is_member: false } } }
        : undefined,
    );
    slack.fake.rule('conversations.info', (params) =>
      params.channel === 'GPRIVATE' ? { body: { ok: false, error: 'channel_not_found' } } : undefined,
    );
    for (const channelId of ['CLONELY', 'GPRIVATE']) {
      const id = `lonely-${channelId}`;
      const answer = await command('schedule 09:00 Europe/Berlin', id, 'UADMIN', channelId);
      const text = await slack.firstAnswer(answer, id);
      expect(text).toContain('Digest scheduled');
      expect(text).toContain('/invite @paperboy');
    }
    const member = await command('schedule 09:00 Europe/Berlin', 'member-channel', 'UADMIN', 'C1');
    expect(await slack.firstAnswer(member, 'member-channel')).not.toContain('/invite @paperboy');
  });
});

describe('channel events', () => {
  it('welcomes the channel when the bot joins it, mentioning /papers help', async () => {
    const answer = await sendJson(
      event({
        type: 'member_joined_channel',
        user: 'UBOT',
        channel: 'CNEW',
        channel_type: 'C',
        team: 'T1',
        event_ts: '1.0',
      }),
    );
    expect(answer.status).toBe(200);
    await expect.poll(() => slack.fake.callsTo('chat.postMessage').length).toBe(1);
    const [welcome] = slack.fake.callsTo('chat.postMessage');
    expect(welcome?.params).toMatchObject({ channel: 'CNEW', unfurl_links: 'false', unfurl_media: 'false' });
    expect(String(welcome?.params.text)).toContain('/papers help');
    expect(welcome?.token).toBe('xoxb-test-token');
    expect(await bot.channels.get({ platform: 'slack', workspaceId: 'T1', channelId: 'CNEW' })).toMatchObject(
      {
        active: true,
      },
    );
  });

  it('does not welcome a person joining a channel', async () => {
    const before = slack.fake.callsTo('chat.postMessage').length;
    await sendJson(
      event({
        type: 'member_joined_channel',
        user: 'U7',
        channel: 'CNEW',
        channel_type: 'C',
        team: 'T1',
        event_ts: '2.0',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('deactivates every channel of a workspace that uninstalls paperboy, and only those', async () => {
    const other: ChannelRef = { platform: 'slack', workspaceId: 'T9', channelId: 'C1' };
    await bot.channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId: 'CX' });
    await bot.channels.ensure(other);
    await sendJson(event({ type: 'app_uninstalled', event_ts: '3.0' }));
    await expect
      .poll(
        async () =>
          (await bot.channels.get({ platform: 'slack', workspaceId: 'T1', channelId: 'CX' }))?.inactiveReason,
      )
      .toBe('app_uninstalled');
    expect((await bot.channels.get(other))?.active).toBe(true);
  });
});
