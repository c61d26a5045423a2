import { afterAll, beforeAll, expect, it } from 'vitest';
import { FEEDBACK_ACTION_ID } from '../../../src/adapters/slack/blocks.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { FeedbackStore } from '../../../src/core/ports.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { postSigned } from '../../helpers/fake-slack-receivers.js';
import {
  asPayloadForm,
  type RecordedBlockActions,
  readSlackJson,
  readSlackPayload,
  retargetChoice,
  SLACK_PAYLOAD,
  withEditedPayload,
} from '../../helpers/recorded-slack-payloads.js';
import { describeRecorded } from '../../helpers/shared-data.js';
import { openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;
interface Recorded extends RecordedBlockActions {
  user: { id: string };
  team: { id: string };
  channel: { id: string };
}
const PAPER = '2606.93392';

describeRecorded('feedback menus from the block_actions bodies Slack really sends', () => {
  let handle: DatabaseHandle;
  let bot: BotDependencies;
  let slack: Harness;

  beforeAll(async () => {
    ({ handle, bot } = await openBotDatabase());
    slack = await startSlackOverHttp({ bot, handle });
  });
  afterAll(async () => {
    await slack?.close();
    await handle?.close();
  });

  const send = (body: string) => postSigned(slack.eventsUrl, body, { secret: SIGNING_SECRET });
  const counts = async (where: Recorded) => {
    const channel: ChannelRef = {
      platform: 'slack',
      workspaceId: where.team.id,
      channelId: where.channel.id,
    };
    return (await (bot.feedback as FeedbackStore).counts(channel, [PAPER])).get(PAPER);
  };

  it('records a save chosen in a bot message (the recorded click re-targeted at the menu) and confirms privately', async () => {
    const recorded = readSlackJson<Recorded>(SLACK_PAYLOAD.buttonInBotMessage);
    retargetChoice(recorded, {
      actionId: FEEDBACK_ACTION_ID,
      value: `fb1:s:${PAPER}`,
      label: 'Save',
      responseUrl: slack.responses.url('saved'),
    });
    expect((await send(asPayloadForm(recorded))).status).toBe(200);
    const [answer] = await slack.responses.waitFor('saved');
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answer?.body.blocks)).toContain('Saved');
    expect(await counts(recorded)).toEqual({ relevant: 0, saved: 1 });
    const [entry] = (
      await (bot.feedback as FeedbackStore).saved(
        { platform: 'slack', workspaceId: recorded.team.id, channelId: recorded.channel.id },
        { limit: 5, offset: 0 },
      )
    ).entries;
    expect(entry?.savedBy).toEqual([recorded.user.id]);
  });

  it('takes the recorded ephemeral click, byte for byte but for the action, from an Enterprise Grid user', async () => {
    const raw = readSlackPayload(SLACK_PAYLOAD.buttonEphemeralForm);
    let where: Recorded | undefined;
    const body = withEditedPayload<Recorded>(raw, (payload) => {
      where = payload;
      retargetChoice(payload, {
        actionId: FEEDBACK_ACTION_ID,
        value: `fb1:r:${PAPER}`,
        label: 'Relevant',
        responseUrl: slack.responses.url('relevant'),
      });
    });
    expect(where?.user.id).toMatch(/^W/);
    expect((await send(body)).status).toBe(200);
    const [answer] = await slack.responses.waitFor('relevant');
    expect(JSON.stringify(answer?.body.blocks)).toContain('Marked relevant');
    expect(await counts(where as Recorded)).toEqual({ relevant: 1, saved: 0 });
  });

  it('refuses a recorded click whose value was tampered with, and writes nothing', async () => {
    const recorded = readSlackJson<Recorded>(SLACK_PAYLOAD.buttonInBotMessage);
    retargetChoice(recorded, {
      actionId: FEEDBACK_ACTION_ID,
      value: `fb1:s:${PAPER}x`,
      label: 'Save',
      responseUrl: slack.responses.url('forged'),
    });
    await send(asPayloadForm(recorded));
    const [answer] = await slack.responses.waitFor('forged');
    expect(JSON.stringify(answer?.body.blocks)).toContain('That button no longer works');
    expect(await counts(recorded)).toEqual({ relevant: 0, saved: 1 });
  });
});
