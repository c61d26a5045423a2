import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../../src/adapters/discord/discord-poster.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createCountRedrawer } from '../../../src/scheduler/count-redrawer.js';
import type { InitialResponse, RecordedCall, SeenAnswer } from '../../helpers/fake-discord.js';
import {
  CHANNEL_ID,
  commandInteraction,
  componentInteraction,
  componentsOf,
  type DiscordOverHttp,
  embedText,
  eventually,
  GUILD_ID,
  NOW,
  sendSigned,
  startDiscordOverHttp,
} from './discord-fixtures.js';

const EPHEMERAL = 64;
const MANAGE_CHANNELS = String(1 << 4);
const ADA = '700000000000000001';
const GRACE = '700000000000000002';
const channel: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
type Option = { name: string; type: number; value?: unknown; options?: unknown[] };

let harness: DiscordOverHttp;
let saved: string[] = [];
let tokens = 0;

beforeAll(async () => {
  harness = await startDiscordOverHttp();
  await harness.bot.channels.ensure(channel);
  // Twelve papers saved by Ada, one minute apart (the newest last), and the last also by Grace.
  const papers = await harness.bot.catalog.topOfDays('2026-06-12', '2026-07-14', 12);
  saved = papers.map((paper) => paper.id);
  for (const [index, id] of saved.entries()) {
    const at = new Date(NOW.getTime() - (saved.length - index) * 60_000);
    await harness.bot.feedback?.click({ channel, paperId: id, userId: ADA, kind: 'save' }, at);
  }
  await harness.bot.feedback?.click(
    { channel, paperId: saved.at(-1) ?? '', userId: GRACE, kind: 'save' },
    new Date(NOW.getTime() - 1000),
  );
});
afterAll(async () => harness?.close());

async function run(
  name: string,
  options: Option[],
  extra: Record<string, unknown> = {},
  permissions?: string,
) {
  tokens += 1;
  const body = {
    ...commandInteraction(name, options, {
      token: `command-${tokens}`,
      ...(permissions ? { permissions } : {}),
    }),
    ...extra,
  };
  const initial: InitialResponse = await sendSigned(harness, body);
  return { initial, seen: await harness.discord.answerFor(body.token, initial) };
}
const str = (name: string, value: string): Option => ({ name, type: 3, value });
const titleOf = async (id: string) => (await harness.bot.catalog.getPaper(id))?.title ?? '';

describe('/saved', () => {
  it('lists the reading list newest first, with who saved each paper as mentions, Next and Share', async () => {
    const { seen } = await run('saved', []);
    expect(seen.flags).toBe(EPHEMERAL);
    const embeds = seen.data.embeds as { title?: string; description?: string }[];
    expect(embeds[0]?.title).toBe('Reading list');
    // Ten papers with who saved them do not fit one embed each: the numbered list, with the savers under each.
    const lines = embedText(seen.data).split('\n');
    expect(lines.slice(1, 4)).toEqual([
      '*12 saved · page 1 of 2*',
      expect.stringContaining(`1. [${await titleOf(saved.at(-1) ?? '')}]`),
      `↳ saved by <@${GRACE}>, <@${ADA}>`,
    ]);
    expect(lines[5]).toBe(`↳ saved by <@${ADA}>`);
    expect(seen.data.allowed_mentions).toEqual({ parse: [] });
    const labels = componentsOf(seen.data).map((component) => component.label);
    expect(labels).toEqual(expect.arrayContaining(['Next', 'Share in channel']));
    // Ten papers on a page: the controls are select menus, 👍 👎 🔖 for each.
    expect(componentsOf(seen.data).filter((component) => component.type === 3)).toHaveLength(3);
  });

  it('filters by the person picked in the USER option, and pages with page:', async () => {
    const { seen } = await run('saved', [{ name: 'by', type: 6, value: GRACE }]);
    expect(embedText(seen.data)).toContain('1 saved · by one person');
    const second = await run('saved', [{ name: 'page', type: 4, value: 2 }]);
    expect(embedText(second.seen.data)).toContain('page 2 of 2');
    expect((second.seen.data.embeds as unknown[]).length).toBe(3);
  });

  it('explains a bad since: with the core’s message', async () => {
    const { seen } = await run('saved', [str('since', 'last tuesday')]);
    expect(embedText(seen.data)).toContain('since must be a span such as 7d');
    expect(embedText(seen.data)).toContain('(got "last tuesday")');
  });

  it('sends export:bibtex as a file attached to the answer (multipart files[0] with the JSON)', async () => {
    const { initial, seen } = await run('saved', [str('export', 'bibtex')]);
    expect(initial).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(seen.deferred).toBe(true);
    expect(embedText(seen.data)).toContain('12 papers in reading-list.bib');
    expect(seen.data.attachments).toEqual([{ id: 0, filename: 'reading-list.bib' }]);
    const [file] = seen.files;
    expect(seen.files).toHaveLength(1);
    expect(file).toMatchObject({
      key: 'files[0]',
      name: 'reading-list.bib',
      contentType: 'application/x-bibtex',
    });
    expect(file?.text.match(/^@misc\{/gm)).toHaveLength(12);
    expect(file?.text).toContain(`eprint = {${saved[0]}}`);
    expect(file?.text).toContain('archivePrefix = {arXiv}');
  });

  it('sends export:csv as a CSV file, and says so without a file when the list is empty', async () => {
    const csv = await run('saved', [str('export', 'csv')]);
    expect(csv.seen.files[0]).toMatchObject({ name: 'reading-list.csv', contentType: 'text/csv' });
    expect(csv.seen.files[0]?.text.trim().split('\n')).toHaveLength(13);
    const empty = await run('saved', [
      str('export', 'csv'),
      { name: 'by', type: 6, value: '700000000000000099' },
    ]);
    expect(embedText(empty.seen.data)).toContain('nothing to export');
    expect(empty.seen.files).toEqual([]);
  });

  it('says the file is too large for the interaction’s attachment limit instead of sending it', async () => {
    const { seen } = await run('saved', [str('export', 'bibtex')], { attachment_size_limit: 1024 });
    expect(seen.files).toEqual([]);
    expect(embedText(seen.data)).toMatch(/The file is \d+ KB, more than the 1 KB Discord takes here/);
  });
});

describe('/saved when Discord refuses the file', () => {
  let small: DiscordOverHttp;
  beforeAll(async () => {
    small = await startDiscordOverHttp({}, { attachmentLimit: 200 });
    await small.bot.channels.ensure(channel);
    await small.bot.feedback?.click({ channel, paperId: '2606.93392', userId: ADA, kind: 'save' }, NOW);
  });
  afterAll(async () => small?.close());

  it('tells the user, and the deferred answer does not stay "thinking"', async () => {
    const body = commandInteraction('saved', [str('export', 'bibtex')], { token: 'refused-file' });
    const initial = await sendSigned(small, body);
    expect(initial.type).toBe(5);
    const edit = (call: RecordedCall) => call.path.endsWith('/refused-file/messages/@original');
    // The refused edit carried the file; the one after it, the notice.
    await small.discord.waitFor((call) => edit(call) && !call.files);
    const [refused, notice] = small.discord.calls.filter(edit);
    expect(refused?.files).toHaveLength(1);
    expect(embedText(notice?.body as SeenAnswer['data'])).toContain(
      'Discord did not take the file reading-list.bib',
    );
    expect(small.discord.originalOf('refused-file')?.attachments).toEqual([]);
  });
});

describe('/unsave', () => {
  it('is for members who can manage the channel', async () => {
    const { seen } = await run('unsave', [str('id', saved[0] ?? '')]);
    expect(embedText(seen.data)).toContain('Only members who can manage this channel can use /unsave');
    const list = await harness.bot.feedback?.saved(channel, { limit: 20, offset: 0 });
    expect(list?.total).toBe(12);
  });

  it('takes a paper off the list for everyone, by id or link, and says when it was not on it', async () => {
    const last = saved.at(-1) ?? '';
    const { seen } = await run('unsave', [str('id', `https://arxiv.org/abs/${last}`)], {}, MANAGE_CHANNELS);
    expect(embedText(seen.data)).toContain(`Took ${last} off the reading list (saved by 2 people).`);
    const again = await run('unsave', [str('id', last)], {}, MANAGE_CHANNELS);
    expect(embedText(again.seen.data)).toContain(`${last} is not on this channel's reading list.`);
    expect(embedText(again.seen.data)).toContain('/saved');
    const bad = await run('unsave', [str('id', 'not-a-paper')], {}, MANAGE_CHANNELS);
    expect(embedText(bad.seen.data)).toMatch(/not-a-paper/);
    expect((await harness.bot.feedback?.saved(channel, { limit: 20, offset: 0 }))?.total).toBe(11);
  });

  it('suggests the saved papers as the id is typed (autocomplete)', async () => {
    const first = saved[0] ?? '';
    const typing = {
      ...commandInteraction('unsave', [
        { name: 'id', type: 3, value: first.slice(0, 7), focused: true } as Option,
      ]),
      type: 4,
    };
    const answer = await sendSigned(harness, typing);
    const choices = (answer.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.map((choice) => choice.value)).toContain(first);
    expect(choices.find((choice) => choice.value === first)?.name).toBe(
      `${first} · ${await titleOf(first)}`.slice(0, 100),
    );
  });
});

describe('answers posted to the channel', () => {
  const redraw = (at: Date) =>
    createCountRedrawer({
      postedMessages: harness.bot.postedMessages ?? never(),
      feedback: harness.bot.feedback ?? never(),
      posters: [createDiscordPoster(createDiscordRest(harness.discord.api, 'test-token'), silentLogger)],
      logger: silentLogger,
      now: () => at,
    }).round();

  it('posts a shared page with the papers’ controls and without Next or Share, and redraws its counts', async () => {
    const { seen } = await run('saved', []);
    const share = componentsOf(seen.data).find((component) => component.label === 'Share in channel');
    const body = componentInteraction(share?.custom_id ?? '', { token: 'share-list' });
    const shared = await harness.discord.answerFor('share-list', await sendSigned(harness, body));
    expect(shared.flags).toBe(0);
    expect(componentsOf(shared.data).length).toBeGreaterThan(0);
    expect(componentsOf(shared.data).every((component) => component.custom_id.startsWith('f|'))).toBe(true);
    expect(embedText(shared.data)).toContain('Reading list');

    // Its id came back with the edit of @original: it is recorded, and a vote redraws it in its channel.
    const message = harness.discord.originalOf('share-list');
    expect(message?.channel_id).toBe(CHANNEL_ID);
    const recorded = await eventually(async () =>
      harness.bot.postedMessages?.find(channel, message?.id ?? ''),
    );
    expect(recorded.card.items).toHaveLength(10);
    const paper = recorded?.card.items[0]?.id ?? '';
    await sendSigned(
      harness,
      componentInteraction(`f|fb1:r:${paper}`, { token: 'vote-shared', userId: GRACE }),
    );
    expect(await redraw(new Date(NOW.getTime() + 10_000))).toBeGreaterThanOrEqual(1);
    const edit = harness.discord.edits.find((entry) => entry.messageId === message?.id);
    expect(edit?.channelId).toBe(CHANNEL_ID);
    expect(embedText(edit?.body ?? {})).toMatch(/1\. .* · 🔖 \d+ · 👍 1/);
  });

  it('posts /digest now for everyone, recorded so that votes redraw it', async () => {
    const { initial, seen } = await run('digest', [{ name: 'now', type: 1 }], {}, MANAGE_CHANNELS);
    expect(initial).toEqual({ type: 5, data: { flags: 0 } });
    expect(embedText(seen.data)).toContain('Your paper digest');
    const token = `command-${tokens}`;
    const message = harness.discord.originalOf(token);
    const recorded = await eventually(async () =>
      harness.bot.postedMessages?.find(channel, message?.id ?? ''),
    );
    expect(recorded.card.items.length).toBeGreaterThan(0);
    expect(recorded.perPaper).toBe(false);
  });
});

function never(): never {
  throw new Error('the store bot dependencies have feedback and posted messages');
}
