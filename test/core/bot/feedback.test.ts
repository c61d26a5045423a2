import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import {
  handleAction,
  handleFeedback,
  handleReaction,
  handleText,
} from '../../../src/core/bot/handle-command.js';
import { paperListCard } from '../../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { feedbackValue } from '../../../src/core/feedback/feedback.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { rowsOf } from '../../../src/store/rows.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const HELIX = '2606.93392';
const GRIDLOCK = '2606.93681';
let now = new Date('2026-06-13T12:00:00Z');
const tick = (ms = 5000) => {
  now = new Date(now.getTime() + ms);
};

let handle: TestDatabase;
let bot: BotDependencies;
const context = () => ({ channel, now });
const click = (kind: Parameters<typeof feedbackValue>[0], paperId = HELIX, userId = 'U1') =>
  handleFeedback(bot, context(), { value: feedbackValue(kind, paperId), userId });
const say = (text: string) => handleText(bot, context(), text);
const text = (reply: { card: { notices: { text: string }[] } }) => reply.card.notices[0]?.text ?? '';

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
  bot = createStoreBotDependencies(handle.db, silentLogger);
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.execute(sql`truncate channels, paper_feedback, posted_messages restart identity cascade`);
});

describe('feedback on a paper', () => {
  it('confirms to the clicker alone, and the counts show on the next card', async () => {
    const saved = await click('save');
    expect(saved).toMatchObject({ visibility: 'ephemeral', outcome: 'ok', command: 'feedback' });
    expect(text(saved)).toContain('Saved to this channel');
    tick();
    await click('relevant', HELIX, 'U2');
    const card = (await say(`paper ${HELIX}`)).card;
    expect(card.feedback).toBe(true);
    expect(card.items[0]?.counts).toEqual({ relevant: 1, saved: 1 });
    tick();
    expect(text(await click('save'))).toContain('Taken off');
  });

  it('says nothing to others about a 👎 and never counts it in what cards show', async () => {
    expect(text(await click('notRelevant'))).toContain('only you can see this');
    expect((await say(`paper ${HELIX}`)).card.items[0]?.counts).toEqual({ relevant: 0, saved: 0 });
  });

  it('answers a forged or stale value, or a paper it does not have, with "no longer works", writing nothing', async () => {
    for (const value of [
      'fb1:x:2606.93392',
      'fb1:s:not-an-id',
      'garbage',
      feedbackValue('save', '2606.99999'),
    ]) {
      const reply = await handleFeedback(bot, context(), { value, userId: 'U1' });
      expect(reply).toMatchObject({ outcome: 'refused', visibility: 'ephemeral' });
      expect(text(reply)).toContain('no longer works');
    }
    expect(await countRows()).toBe(0);
  });

  it('marks the messages that show the paper for a redraw of their counts', async () => {
    await bot.channels.ensure(channel);
    const card = paperListCard('Digest', '', await createPaperStore(handle.db).getPapers([HELIX, GRIDLOCK]));
    await bot.postedMessages?.record({ channel, messageId: '1700000000.000100', card, perPaper: false }, now);
    expect(await bot.postedMessages?.claimRedraws(now, 5000, 10)).toEqual([]);
    await click('relevant', GRIDLOCK);
    const due = (await bot.postedMessages?.claimRedraws(now, 5000, 10)) ?? [];
    expect(due.map((message) => message.messageId)).toEqual(['1700000000.000100']);
  });

  it('counts reactions only on its own messages about one paper', async () => {
    await bot.channels.ensure(channel);
    const papers = createPaperStore(handle.db);
    const detail = paperListCard('Details', '', await papers.getPapers([HELIX]));
    const digest = paperListCard('Digest', '', await papers.getPapers([HELIX, GRIDLOCK]));
    await bot.postedMessages?.record({ channel, messageId: 'detail', card: detail, perPaper: true }, now);
    await bot.postedMessages?.record({ channel, messageId: 'digest', card: digest, perPaper: false }, now);
    const react = (messageId: string, on = true) =>
      handleReaction(bot, context(), { messageId, userId: 'U7', kind: 'save', on });
    expect(await react('digest')).toBe(false);
    expect(await react('someone-elses')).toBe(false);
    expect(await react('detail')).toBe(true);
    expect((await bot.feedback?.counts(channel, [HELIX]))?.get(HELIX)).toEqual({ relevant: 0, saved: 1 });
    expect(await react('detail', false)).toBe(true);
    expect((await bot.feedback?.counts(channel, [HELIX]))?.get(HELIX)).toEqual({ relevant: 0, saved: 0 });
  });
});

async function countRows(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await handle.db.execute(sql`select count(*)::int as n from paper_feedback`),
  );
  return Number(row?.n ?? 0);
}

describe('the channel reading list', () => {
  const saveAll = async (ids: string[], userId = 'U1') => {
    for (const id of ids) {
      await click('save', id, userId);
      tick(1000);
    }
  };

  it('says how many pages there are when asked for a page past the end, not that nothing is saved', async () => {
    await saveAll([HELIX]);
    const past = await say('saved page:3');
    expect(past.card.items).toEqual([]);
    expect(past.card.notices.map((notice) => notice.text)).toEqual([
      'There is only 1 page. Try /papers saved page:1.',
    ]);
  });

  it('lists saved papers newest first with who saved them, pages with Next, and shares for everyone', async () => {
    const ids = fixtureCorpus()
      .filter((paper) => paper.source === 'hf')
      .slice(0, 12)
      .map((paper) => paper.id);
    await saveAll(ids);
    await click('save', ids[11] ?? '', 'U2');
    const first = await say('saved');
    expect(first.card.header).toBe('Reading list');
    expect(first.card.subheader).toBe('12 saved · page 1 of 2');
    expect(first.card.items[0]).toMatchObject({ id: ids[11], savedBy: ['U2', 'U1'] });
    expect(first.card.items).toHaveLength(10);
    const next = first.card.actions.find((action) => action.kind === 'nextPage');
    const second = await handleAction(bot, context(), { kind: 'nextPage', value: next?.value ?? '' });
    expect(second.card.items.map((item) => item.id)).toEqual([ids[1], ids[0]]);
    const share = second.card.actions.find((action) => action.kind === 'share');
    expect(
      (await handleAction(bot, context(), { kind: 'share', value: share?.value ?? '' })).visibility,
    ).toBe('channel');
  });

  it('filters by a person and a time, and says so when nothing matches', async () => {
    await saveAll([HELIX], 'U1');
    await saveAll([GRIDLOCK], 'U2');
    expect((await say('saved by:<@U2>')).card.items.map((item) => item.id)).toEqual([GRIDLOCK]);
    expect(text(await say('saved by:<@U9>'))).toContain('Nothing saved matches');
    expect(text(await say('saved since:2026-01-01'))).not.toContain('Nothing');
  });

  it('exports the list as BibTeX and CSV files', async () => {
    await saveAll([HELIX, GRIDLOCK]);
    const bibtex = await say('saved export:bibtex');
    expect(bibtex.file).toMatchObject({ name: 'reading-list.bib', mimeType: 'application/x-bibtex' });
    expect(bibtex.file?.content).toContain('eprint = {2606.93392}');
    expect(bibtex.file?.content).toContain('archivePrefix = {arXiv}');
    expect(bibtex.file?.content.match(/@misc\{/g)).toHaveLength(2);
    const csv = await say('saved export:csv');
    expect(csv.file?.content.split('\r\n')[0]).toBe('arxiv_id,title,authors,published,url,saved_by,saved_at');
    expect(
      text(await handleText(bot, { channel: { ...channel, channelId: 'C9' }, now }, 'saved export:csv')),
    ).toContain('nothing to export');
  });

  it('takes a paper off the list, and says when it was not on it', async () => {
    await saveAll([HELIX]);
    expect(text(await say(`unsave ${HELIX}`))).toBe(
      `Took ${HELIX} off the reading list (saved by one person).`,
    );
    expect(text(await say(`unsave ${HELIX}`))).toContain('is not on this channel');
  });
});

describe('the weekly recap setting', () => {
  it('schedules and turns off the recap', async () => {
    expect(text(await say('schedule recap fri 16:00 Europe/Berlin'))).toContain(
      'Weekly recap scheduled: Fridays at 16:00 Europe/Berlin',
    );
    expect((await bot.channels.get(channel))?.settings.recap).toEqual({
      enabled: true,
      weekday: 5,
      time: '16:00',
      timezone: 'Europe/Berlin',
    });
    expect(text(await say('schedule recap off'))).toContain('The weekly recap is off');
    expect((await bot.channels.get(channel))?.settings.recap.enabled).toBe(false);
  });
});
