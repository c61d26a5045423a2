import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { FeedbackStore } from '../../../src/core/ports.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { slackError } from '../../helpers/fake-slack.js';
import { postSigned, slashCommandBody } from '../../helpers/fake-slack-receivers.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import { NOW, openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;

let handle: DatabaseHandle;
let bot: BotDependencies;
let feedback: FeedbackStore;
let slack: Harness;
const log = capturingLogger();
const PAPERS = ['2606.93392', '2606.93681'];

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  feedback = bot.feedback as FeedbackStore;
  slack = await startSlackOverHttp({ bot, handle, logger: log.logger });
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

/** Saves the papers to a channel's reading list, as U2 and U3 clicking 🔖 would. */
async function saveIn(channelId: string) {
  const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId };
  await bot.channels.ensure(channel);
  for (const [index, paperId] of PAPERS.entries()) {
    await feedback.click({ channel, paperId, userId: `U${index + 2}`, kind: 'save' }, NOW);
  }
}

const command = (text: string, id: string, channelId: string, userId = 'U1') =>
  postSigned(
    slack.eventsUrl,
    slashCommandBody({ text, responseUrl: slack.responses.url(id), channelId, userId }),
    { secret: SIGNING_SECRET },
  );

describe('reading-list exports', () => {
  it('uploads /papers saved export:bibtex to the channel through files.uploadV2, with a short comment', async () => {
    await saveIn('C1');
    const answer = await slack.firstAnswer(await command('saved export:bibtex', 'bib', 'C1'), 'bib');
    expect(answer).toContain('2 papers in reading-list.bib');
    await expect.poll(() => slack.fake.files.length).toBe(1);
    const [file] = slack.fake.files;
    expect(file).toMatchObject({
      filename: 'reading-list.bib',
      title: 'reading-list.bib',
      channelId: 'C1',
      token: 'xoxb-test-token',
    });
    expect(file?.initialComment).toBe('The reading list, as reading-list.bib, exported by <@U1>.');
    expect(file?.content.match(/^@misc\{/gm)).toHaveLength(2);
    for (const id of PAPERS) expect(file?.content).toContain(`eprint = {${id}}`);
    expect(
      slack.fake.calls
        .map((call) => call.method)
        .filter((method) => method.startsWith('files.') || method === 'conversations.open'),
    ).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(slack.fake.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({
      filename: 'reading-list.bib',
      length: String(Buffer.byteLength(file?.content ?? '')),
    });
  });

  it('sends the export asked for in a direct message to the person, in their DM with paperboy', async () => {
    await saveIn('D0DM12345');
    await slack.firstAnswer(await command('saved export:csv', 'dm', 'D0DM12345', 'U0ADA1'), 'dm');
    await expect.poll(() => slack.fake.files.length).toBe(2);
    expect(slack.fake.callsTo('conversations.open').at(-1)?.params.users).toBe('U0ADA1');
    const file = slack.fake.files.at(-1);
    expect(file).toMatchObject({ filename: 'reading-list.csv', channelId: 'D0ADA1' });
    expect(file?.initialComment).toBe('The reading list, as reading-list.csv.');
    expect(file?.content.split('\n')[0]).toMatch(/^arxiv_id,title,/);
  });

  it('tells the user, only them, when the upload fails; the next command still works', async () => {
    await saveIn('CLONELY');
    slack.fake.rule('files.completeUploadExternal', (params) =>
      params.channel_id === 'CLONELY' ? slackError('not_in_channel') : undefined,
    );
    const ack = await command('saved export:bibtex', 'lonely', 'CLONELY');
    expect(await slack.firstAnswer(ack, 'lonely')).toContain('reading-list.bib');
    // The answer came in the ack, or as the first response_url post; the failure follows it.
    const posts = await slack.responses.waitFor('lonely', ack.text === '' ? 2 : 1);
    const failure = posts.at(-1)?.body as { response_type: string; blocks: unknown[] };
    expect(failure.response_type).toBe('ephemeral');
    expect(JSON.stringify(failure.blocks)).toContain(
      'I could not upload reading-list.bib (Slack said not_in_channel)',
    );
    expect(JSON.stringify(failure.blocks)).toContain('/invite @paperboy');
    expect(
      log.lines.find((line) => line.message === 'could not upload a reading-list export')?.fields,
    ).toMatchObject({
      code: 'not_in_channel',
      file: 'reading-list.bib',
    });
    const files = slack.fake.files.length;
    const next = await slack.firstAnswer(await command('saved', 'after', 'CLONELY'), 'after');
    expect(next).toContain('Reading list');
    expect(slack.fake.files.length).toBe(files);
  });

  it('says to reinstall the app when a workspace installed before exports lacks files:write', async () => {
    await saveIn('COLDAPP');
    slack.fake.rule('files.getUploadURLExternal', (params) =>
      params.filename === 'reading-list.csv' ? slackError('missing_scope') : undefined,
    );
    const ack = await command('saved export:csv', 'scope', 'COLDAPP');
    await slack.firstAnswer(ack, 'scope');
    const posts = await slack.responses.waitFor('scope', ack.text === '' ? 2 : 1);
    expect(JSON.stringify(posts.at(-1)?.body.blocks)).toContain(
      'lacks the files:write scope: ask an admin to reinstall it from slack/manifest.yml',
    );
  });

  it('lists the reading list with who saved each paper, as mentions, and each paper’s menu', async () => {
    const answer = JSON.parse(await slack.firstAnswer(await command('saved', 'list', 'C1'), 'list')) as {
      blocks: { type: string; elements?: { text: string }[]; accessory?: { action_id: string } }[];
    };
    const saved = answer.blocks.flatMap((block) => block.elements ?? []).map((element) => element.text);
    expect(saved.filter((text) => /Saved by <@U[23]>$/.test(text))).toHaveLength(2);
    expect(answer.blocks.filter((block) => block.accessory?.action_id === 'paper_feedback')).toHaveLength(2);
  });
});

describe('the fake Slack’s file uploads', () => {
  it('refuse a completion for a file that was never uploaded, or whose bytes are not the declared length', async () => {
    const call = async (method: string, params: Record<string, string>) =>
      (await (
        await fetch(`${slack.fake.apiUrl}${method}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: 'Bearer xoxb-test-token',
          },
          body: new URLSearchParams(params).toString(),
        })
      ).json()) as Record<string, unknown>;
    expect(await call('files.getUploadURLExternal', { filename: 'x.bib' })).toMatchObject({ ok: false });
    const pending = (await call('files.getUploadURLExternal', { filename: 'x.bib', length: '5' })) as {
      upload_url: string;
      file_id: string;
    };
    const files = JSON.stringify([{ id: pending.file_id }]);
    expect(await call('files.completeUploadExternal', { files })).toMatchObject({ error: 'file_not_found' });
    expect((await fetch(pending.upload_url, { method: 'POST', body: 'abc' })).status).toBe(200);
    expect((await fetch(pending.upload_url, { method: 'POST', body: 'abcde' })).status).toBe(404);
    expect(await call('files.completeUploadExternal', { files })).toMatchObject({
      error: 'file_upload_size_mismatch',
    });
  });
});
