import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { noticeCard } from '../../../src/core/cards/build-cards.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import { PermanentDeliveryError } from '../../../src/core/delivery/poster.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { slackInstallations } from '../../../src/db/schema.js';
import { postSigned, slashCommandBody } from '../../helpers/fake-slack-receivers.js';
import { openBotDatabase, startSlackOverHttp } from './slack-harness.js';

const SIGNING = 'oauth-signing-secret';
const channel: ChannelRef = { platform: 'slack', workspaceId: 'T2', channelId: 'C5' };

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackOverHttp>>;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackOverHttp({
    bot,
    handle,
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
      PAPERBOY_SECRET_KEY: 'cd'.repeat(32),
    },
  });
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

const message = (ref: ChannelRef) => ({
  channel: { ...ref, settings: DEFAULT_SETTINGS, active: true, inactiveReason: null },
  card: noticeCard({ tone: 'info', text: 'Digest' }),
  threads: false,
  idempotencyKey: 'k',
  partsSent: 0,
  messageIds: [],
});

describe('installing paperboy in a workspace (OAuth)', () => {
  it('installs through /slack/install and /slack/oauth_redirect, keeping the bot token encrypted', async () => {
    const install = await fetch(`${slack.baseUrl}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const location = new URL(install.headers.get('location') ?? '');
    // Issue 14 added reactions:read (reaction events), files:write (exports) and im:write (exports asked in a DM);
    // issue 15 links:read and links:write (link_shared, and the paper cards of chat.unfurl); issue 18
    // app_mentions:read (questions in a paper's thread).
    expect(location.searchParams.get('scope')).toBe(
      'commands,chat:write,users:read,channels:read,groups:read,reactions:read,files:write,im:write,links:read,links:write,app_mentions:read',
    );
    const state = location.searchParams.get('state') ?? '';
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const callback = await fetch(
      `${slack.baseUrl}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: 'manual',
      },
    );
    expect(callback.status).toBe(200);
    expect(slack.fake.callsTo('oauth.v2.access')[0]?.params).toMatchObject({
      code: 'the-code',
      client_id: '111.222',
    });

    const rows = await handle.db.select().from(slackInstallations);
    expect(rows.map((row) => [row.installKey, row.teamId, row.botUserId])).toEqual([
      ['team:T2', 'T2', 'UBOT2'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('xoxb-installed-token');
  });

  it('answers commands from the installed workspace', async () => {
    const answer = await postSigned(
      slack.eventsUrl,
      slashCommandBody({
        text: 'help',
        responseUrl: slack.responses.url('t2'),
        teamId: 'T2',
        channelId: 'C5',
      }),
      { secret: SIGNING },
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('paperboy commands');
  });

  it("posts scheduled digests with the workspace's own token", async () => {
    const sent: string[] = [];
    await slack.adapter.poster.post(message(channel), async (ts) => {
      sent.push(ts);
    });
    expect(sent).toHaveLength(1);
    expect(slack.fake.callsTo('chat.postMessage').at(-1)).toMatchObject({ token: 'xoxb-installed-token' });
  });

  it('forgets the installation and deactivates the channels when the workspace uninstalls paperboy', async () => {
    await bot.channels.ensure(channel);
    const body = JSON.stringify({
      token: 'deprecated',
      team_id: 'T2',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'EvUninstall',
      event_time: 1_700_000_000,
      event: { type: 'app_uninstalled', event_ts: '1.0' },
    });
    const answer = await postSigned(slack.eventsUrl, body, {
      secret: SIGNING,
      contentType: 'application/json',
    });
    expect(answer.status).toBe(200);
    await expect.poll(async () => (await bot.channels.get(channel))?.inactiveReason).toBe('app_uninstalled');
    await expect.poll(async () => (await handle.db.select().from(slackInstallations)).length).toBe(0);
    await expect(slack.adapter.poster.post(message(channel), async () => {})).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });
});
