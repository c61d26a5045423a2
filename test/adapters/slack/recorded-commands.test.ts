import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { postSigned, slackSignature } from '../../helpers/fake-slack-receivers.js';
import {
  asPayloadForm,
  type RecordedBlockActions,
  readSlackJson,
  readSlackPayload,
  retargetClick,
  SLACK_PAYLOAD,
  withEditedPayload,
  withFormFields,
} from '../../helpers/recorded-slack-payloads.js';
import { describeRecorded } from '../../helpers/shared-data.js';
import { openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;
type Blocks = { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];
interface Answer {
  response_type?: string;
  replace_original?: boolean;
  text?: string;
  blocks?: Blocks;
}

describeRecorded('Slack commands and buttons from the bodies Slack really sends', () => {
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

  const send = (body: string, contentType?: string) =>
    postSigned(slack.eventsUrl, body, { secret: SIGNING_SECRET, ...(contentType ? { contentType } : {}) });
  /** The recorded slash command, re-targeted at /papers with this text and a local response_url. */
  const recordedCommand = (name: string, fields: Record<string, string>) =>
    withFormFields(readSlackPayload(name), {
      command: '/papers',
      response_url: slack.responses.url(fields.id ?? ''),
      ...(fields.text === undefined ? {} : { text: fields.text }),
    });
  const answerTo = async (body: string, id: string): Promise<Answer> => {
    const ack = await send(body);
    expect(ack.status).toBe(200);
    return JSON.parse(await slack.firstAnswer(ack, id)) as Answer;
  };
  const buttonsOf = (answer: Answer) =>
    answer.blocks?.find((block) => block.type === 'actions')?.elements ?? [];

  it("signs requests as Slack's documented example does", () => {
    const vector = readSlackJson<Record<string, string>>(SLACK_PAYLOAD.signingVector);
    expect(
      slackSignature(
        vector.signing_secret ?? '',
        Number(vector.x_slack_request_timestamp),
        vector.body ?? '',
      ),
    ).toBe(vector.x_slack_signature);
  });

  it("answers the recorded command with empty text (enterprise fields and all) with today's papers, privately", async () => {
    const raw = readSlackPayload(SLACK_PAYLOAD.slashCommand);
    expect(new URLSearchParams(raw).get('text')).toBe('');
    expect(new URLSearchParams(raw).get('is_enterprise_install')).toBe('false');
    const answer = await answerTo(recordedCommand(SLACK_PAYLOAD.slashCommand, { id: 'empty' }), 'empty');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.blocks?.[0]).toMatchObject({
      type: 'header',
      text: { text: 'Daily Papers · Fri, 12 Jun 2026' },
    });
    // The day's most upvoted paper comes first.
    expect(JSON.stringify(answer.blocks?.[2])).toContain('Gridlock: A City-Scale Benchmark');
  });

  it('reads the + of a form body as spaces in the text', async () => {
    const body = recordedCommand(SLACK_PAYLOAD.slashCommand, {
      id: 'phrase',
      text: 'topic:"sparse attention" limit:3',
    });
    expect(body).toContain('text=topic%3A%22sparse+attention%22+limit%3A3&');
    const answer = await answerTo(body, 'phrase');
    expect(answer.blocks?.[0]).toMatchObject({ text: { text: 'Papers about "sparse attention"' } });
    expect(JSON.stringify(answer.blocks)).toContain(
      'Helix: Sparse Attention for Genome-Scale DNA Language Models',
    );
  });

  it("acts on the legacy docs body's private channel (no api_app_id, no is_enterprise_install)", async () => {
    const raw = readSlackPayload(SLACK_PAYLOAD.slashCommandLegacy);
    const fields = new URLSearchParams(raw);
    expect(fields.has('api_app_id')).toBe(false);
    const answer = await answerTo(
      recordedCommand(SLACK_PAYLOAD.slashCommandLegacy, { id: 'legacy', text: 'subscribe grokking' }),
      'legacy',
    );
    expect(JSON.stringify(answer.blocks)).toContain('Subscribed to grokking.');
    const channel = {
      platform: 'slack' as const,
      workspaceId: fields.get('team_id') ?? '',
      channelId: fields.get('channel_id') ?? '',
    };
    expect(channel.channelId).toMatch(/^G/);
    expect((await bot.subscriptions.list(channel)).map((term) => term.text)).toEqual(['grokking']);
  });

  it('pages and shares with the recorded clicks re-targeted at the buttons of a search', async () => {
    const search = await answerTo(
      recordedCommand(SLACK_PAYLOAD.slashCommand, { id: 'search', text: 'topic:benchmark limit:2' }),
      'search',
    );
    const [next, share] = buttonsOf(search);
    expect([next?.action_id, share?.action_id]).toEqual(['papers_next', 'papers_share']);

    const nextClick = withEditedPayload<RecordedBlockActions>(
      readSlackPayload(SLACK_PAYLOAD.buttonEphemeralForm),
      (payload) =>
        retargetClick(payload, {
          actionId: 'papers_next',
          value: next?.value ?? '',
          responseUrl: slack.responses.url('next'),
        }),
    );
    expect((await send(nextClick)).status).toBe(200);
    const [page2] = await slack.responses.waitFor('next');
    expect(page2?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(page2?.body.blocks)).toContain('page 2 of');

    const inBotMessage = readSlackJson<RecordedBlockActions & { user: { id: string } }>(
      SLACK_PAYLOAD.buttonInBotMessage,
    );
    retargetClick(inBotMessage, {
      actionId: 'papers_share',
      value: share?.value ?? '',
      responseUrl: slack.responses.url('share'),
    });
    expect((await send(asPayloadForm(inBotMessage))).status).toBe(200);
    const [shared] = await slack.responses.waitFor('share');
    expect(shared?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(shared?.body.blocks)).toContain(`Shared by <@${inBotMessage.user.id}>`);
    expect((shared?.body.blocks as Blocks | undefined)?.[0]).toMatchObject({
      text: { text: 'Papers about "benchmark"' },
    });
  });

  it("says a recorded click whose value is not one of paperboy's page tokens has expired", async () => {
    const forged = withEditedPayload<RecordedBlockActions>(
      readSlackPayload(SLACK_PAYLOAD.buttonEphemeralForm),
      (payload) => {
        const value = payload.actions[0]?.value ?? '';
        retargetClick(payload, {
          actionId: 'papers_next',
          value,
          responseUrl: slack.responses.url('forged'),
        });
      },
    );
    expect((await send(forged)).status).toBe(200);
    const [post] = await slack.responses.waitFor('forged');
    expect(post?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(post?.body.blocks)).toContain('That button has expired');
  });

  it('answers the recorded url_verification with its challenge', async () => {
    const raw = readSlackPayload(SLACK_PAYLOAD.urlVerification);
    const answer = await send(raw, 'application/json');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ challenge: JSON.parse(raw).challenge });
  });
});
