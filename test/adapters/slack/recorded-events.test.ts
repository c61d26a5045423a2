import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WELCOME_TEXT } from '../../../src/adapters/slack/event-listeners.js';
import { createSlackInstallationStore } from '../../../src/adapters/slack/installation-store.js';
import { createSecretBox } from '../../../src/adapters/slack/secret-box.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { noticeCard } from '../../../src/core/cards/build-cards.js';
import { type ChannelRef, DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { slackInstallations } from '../../../src/db/schema.js';
import { startFakeSlack } from '../../helpers/fake-slack.js';
import { postSigned } from '../../helpers/fake-slack-receivers.js';
import { readSlackJson, readSlackPayload, SLACK_PAYLOAD } from '../../helpers/recorded-slack-payloads.js';
import { describeRecorded } from '../../helpers/shared-data.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import { openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;
interface RecordedEvent {
  team_id?: string;
  enterprise_id?: string;
  event: { type: string; user?: string; channel?: string; team?: string };
}

const OAUTH_SIGNING = 'oauth-signing-secret';
const SECRET_KEY = 'cd'.repeat(32);

/** A recorded event body, posted byte for byte, signed with `secret`. */
const postEvent = (url: string, name: string, secret: string) =>
  postSigned(url, readSlackPayload(name), { secret, contentType: 'application/json' });
const errorsIn = (lines: { level: string; message: string }[]) =>
  lines.filter((line) => line.level === 'error').map((line) => line.message);

describeRecorded('Slack events from the bodies Slack really sends', () => {
  const joinedBot = () => readSlackJson<RecordedEvent>(SLACK_PAYLOAD.memberJoinedBot);
  const joinedOther = () => readSlackJson<RecordedEvent>(SLACK_PAYLOAD.memberJoinedOther);
  const uninstalled = () => readSlackJson<RecordedEvent>(SLACK_PAYLOAD.appUninstalled);
  let handle: DatabaseHandle;
  let bot: BotDependencies;

  beforeAll(async () => {
    ({ handle, bot } = await openBotDatabase());
  });
  afterAll(async () => handle?.close());

  it('are what the tests below rely on: the bot joining, a person joining, org-wide removals', () => {
    expect(joinedBot().event.user).not.toBe(joinedOther().event.user);
    for (const name of [SLACK_PAYLOAD.appUninstalled, SLACK_PAYLOAD.tokensRevoked]) {
      const body = readSlackJson<RecordedEvent>(name);
      expect(body.team_id).toBeUndefined();
      expect(body.enterprise_id).toMatch(/^E/);
    }
  });

  describe('with one bot token (HTTP mode), installed where the recorded events come from', () => {
    let slack: Harness;
    const log = capturingLogger();

    beforeAll(async () => {
      const { event } = joinedBot();
      // auth.test names the recorded bot user, so the recorded body is the bot's own join, unchanged.
      const fake = await startFakeSlack({ teamId: event.team ?? '', botUserId: event.user ?? '' });
      slack = await startSlackOverHttp({ bot, handle, fake, logger: log.logger });
    });
    afterAll(async () => {
      await slack?.close();
      await slack?.fake.close();
    });

    it("welcomes the channel when the recorded member_joined_channel is the bot's own", async () => {
      const { event } = joinedBot();
      expect((await postEvent(slack.eventsUrl, SLACK_PAYLOAD.memberJoinedBot, SIGNING_SECRET)).status).toBe(
        200,
      );
      await expect.poll(() => slack.fake.callsTo('chat.postMessage').length).toBe(1);
      const [welcome] = slack.fake.callsTo('chat.postMessage');
      expect(welcome?.params).toMatchObject({ channel: event.channel, unfurl_links: 'false' });
      expect(String(welcome?.params.text)).toContain('/papers help');
      const ref: ChannelRef = {
        platform: 'slack',
        workspaceId: event.team ?? '',
        channelId: event.channel ?? '',
      };
      expect(await bot.channels.get(ref)).toMatchObject({ active: true });
    });

    it('does not welcome a person joining (the recorded other_user body)', async () => {
      const before = slack.fake.callsTo('chat.postMessage').length;
      expect((await postEvent(slack.eventsUrl, SLACK_PAYLOAD.memberJoinedOther, SIGNING_SECRET)).status).toBe(
        200,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(slack.fake.callsTo('chat.postMessage').length).toBe(before);
    });

    it.each([
      ['app_uninstalled', SLACK_PAYLOAD.appUninstalled],
      ['tokens_revoked', SLACK_PAYLOAD.tokensRevoked],
    ])(
      'takes an org-wide %s without a team_id with 200, no failure, and no other workspace touched',
      async (_name, file) => {
        const other: ChannelRef = { platform: 'slack', workspaceId: 'T9', channelId: 'C9' };
        await bot.channels.ensure(other);
        const before = log.lines.length;
        const answer = await postEvent(slack.eventsUrl, file, SIGNING_SECRET);
        expect(answer.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(errorsIn(log.lines.slice(before))).toEqual([]);
        expect((await bot.channels.get(other))?.active).toBe(true);
      },
    );
  });

  describe('installed org-wide through OAuth (an enterprise installation, no team)', () => {
    let slack: Harness;
    const log = capturingLogger();
    const installations = () =>
      createSlackInstallationStore(handle.db, createSecretBox(Buffer.from(SECRET_KEY, 'hex')));
    const orgKey = () => `enterprise:${uninstalled().enterprise_id}`;
    const installOrgWide = () =>
      installations().storeInstallation({
        team: undefined,
        enterprise: { id: uninstalled().enterprise_id ?? '', name: 'An org' },
        isEnterpriseInstall: true,
        appId: 'A1',
        tokenType: 'bot',
        bot: {
          token: 'xoxb-org-token',
          userId: joinedBot().event.user ?? '',
          id: 'BORG',
          scopes: ['commands'],
        },
        user: { token: undefined, scopes: undefined, id: 'UINSTALLER' },
      });
    const orgRows = async () =>
      handle.db.select().from(slackInstallations).where(eq(slackInstallations.installKey, orgKey()));

    beforeAll(async () => {
      slack = await startSlackOverHttp({
        bot,
        handle,
        logger: log.logger,
        env: {
          SLACK_BOT_TOKEN: '',
          SLACK_SIGNING_SECRET: OAUTH_SIGNING,
          SLACK_CLIENT_ID: '111.222',
          SLACK_CLIENT_SECRET: 'client-secret',
          SLACK_STATE_SECRET: 'state-secret',
          PAPERBOY_SECRET_KEY: SECRET_KEY,
        },
      });
      // A workspace that installed paperboy on its own, which no org-wide event may touch.
      await installations().storeInstallation({
        team: { id: 'T2', name: 'Second' },
        enterprise: undefined,
        isEnterpriseInstall: false,
        appId: 'A1',
        tokenType: 'bot',
        bot: { token: 'xoxb-team-token', userId: 'UBOT2', id: 'BTEAM', scopes: ['commands'] },
        user: { token: undefined, scopes: undefined, id: 'U2' },
      });
    });
    afterAll(async () => slack?.close());

    it("welcomes a channel of a workspace in the org with the org's token (enterprise_id in the body)", async () => {
      await installOrgWide();
      const { event } = joinedBot();
      expect((await postEvent(slack.eventsUrl, SLACK_PAYLOAD.memberJoinedBot, OAUTH_SIGNING)).status).toBe(
        200,
      );
      await expect.poll(() => slack.fake.callsTo('chat.postMessage').length).toBe(1);
      const [post] = slack.fake.callsTo('chat.postMessage');
      expect(post).toMatchObject({ token: 'xoxb-org-token', params: { channel: event.channel } });
      expect(JSON.stringify(post?.params.blocks)).toContain(WELCOME_TEXT.slice(0, 40));
    });

    it("posts the digest of that channel with the org's token too", async () => {
      await installOrgWide();
      const { event } = joinedBot();
      const channel: ChannelRef = {
        platform: 'slack',
        workspaceId: event.team ?? '',
        channelId: event.channel ?? '',
      };
      const sent: string[] = [];
      await slack.adapter.poster.post(
        {
          channel: { ...channel, settings: DEFAULT_SETTINGS, active: true, inactiveReason: null },
          card: noticeCard({ tone: 'info', text: 'Digest' }),
          threads: false,
          idempotencyKey: 'org-digest',
          partsSent: 0,
          messageIds: [],
        },
        async (ts) => {
          sent.push(ts);
        },
      );
      expect(sent).toHaveLength(1);
      expect(slack.fake.callsTo('chat.postMessage').at(-1)).toMatchObject({
        token: 'xoxb-org-token',
        params: { channel: channel.channelId },
      });
    });

    it.each([
      ['app_uninstalled', SLACK_PAYLOAD.appUninstalled],
      ['tokens_revoked', SLACK_PAYLOAD.tokensRevoked],
    ])('forgets the org-wide installation on a recorded %s, and only that one', async (_name, file) => {
      await installOrgWide();
      expect(await orgRows()).toHaveLength(1);
      // The bot joins a channel of a workspace in the org: that is how paperboy learns the workspace is the org's.
      const { event } = joinedBot();
      const channel: ChannelRef = {
        platform: 'slack',
        workspaceId: event.team ?? '',
        channelId: event.channel ?? '',
      };
      const welcomes = slack.fake.callsTo('chat.postMessage').length;
      expect((await postEvent(slack.eventsUrl, SLACK_PAYLOAD.memberJoinedBot, OAUTH_SIGNING)).status).toBe(
        200,
      );
      await expect.poll(() => slack.fake.callsTo('chat.postMessage').length).toBe(welcomes + 1);
      expect((await bot.channels.get(channel))?.active).toBe(true);

      const before = log.lines.length;
      expect((await postEvent(slack.eventsUrl, file, OAUTH_SIGNING)).status).toBe(200);
      await expect.poll(async () => (await orgRows()).length).toBe(0);
      await expect.poll(async () => (await bot.channels.get(channel))?.active).toBe(false);
      expect(errorsIn(log.lines.slice(before))).toEqual([]);
      expect(await installations().botToken('T2')).toBe('xoxb-team-token');
      expect(await installations().botToken(channel.workspaceId)).toBeNull();
    });
  });
});
