import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleAction, handleText } from '../../../src/core/bot/handle-command.js';
import type { Reply } from '../../../src/core/cards/card.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { concurrencyLimit } from '../../../src/core/concurrency-limit.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { openTestDatabase } from '../../helpers/test-database.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const now = new Date('2026-06-13T12:00:00Z');

let handle: DatabaseHandle;
let dependencies: BotDependencies;
const fetched: string[] = [];
const say = (text: string) => handleText(dependencies, { channel, now }, text);
const notice = (reply: Reply) => reply.card.notices[0];

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  const papers = createPaperStore(handle.db);
  await papers.upsertPapers(fixtureCorpus());
  dependencies = {
    ...createStoreBotDependencies(handle.db, silentLogger),
    fetchPaper: async (id) => {
      fetched.push(id);
      return null;
    },
  };
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.execute(sql`truncate channels, subscriptions, delivered_papers restart identity cascade`);
});

describe('handleText', () => {
  it('answers a search privately, with a next-page button that works', async () => {
    const reply = await say('topic:benchmark limit:3');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.card.items).toHaveLength(3);
    const next = reply.card.actions.find((action) => action.kind === 'nextPage');
    expect(next).toBeDefined();
    const page2 = await handleAction(
      dependencies,
      { channel, now },
      { kind: 'nextPage', value: next?.value ?? '' },
    );
    expect(page2.card.items).toHaveLength(3);
    expect(page2.card.items[0]?.id).not.toBe(reply.card.items[0]?.id);
    expect(page2.card.subheader).toContain('page 2');

    const shared = await handleAction(
      dependencies,
      { channel, now },
      { kind: 'share', value: next?.value ?? '' },
    );
    expect(shared.visibility).toBe('channel');
    const expired = await handleAction(
      dependencies,
      { channel, now },
      { kind: 'nextPage', value: 'old-button' },
    );
    expect(notice(expired)?.text).toContain('expired');
  });

  it('turns a mistake into one short error with a correct example', async () => {
    const reply = await say('schedule 09:30 Europe/Berln');
    expect(reply.visibility).toBe('ephemeral');
    expect(notice(reply)).toEqual({
      tone: 'error',
      text: expect.stringContaining('Did you mean Europe/Berlin?'),
      example: expect.stringContaining('/papers schedule'),
    });
    expect(notice(await say('lora limit:500'))?.text).toContain('between 1 and 25');
  });

  it('subscribes, treats a second subscription as a friendly no-op, and turns the digest on', async () => {
    const first = await say('subscribe lora "vision language" -survey');
    expect(notice(first)).toMatchObject({
      tone: 'success',
      text: expect.stringContaining('Subscribed to lora, "vision language", -survey.'),
    });
    expect(notice(first)?.text).toContain('The daily digest is now on: Weekdays at 09:00 UTC');
    expect((await dependencies.channels.get(channel))?.settings.schedule.enabled).toBe(true);

    const again = await say('subscribe LoRA');
    expect(notice(again)).toMatchObject({ tone: 'info', text: 'Already subscribed to lora.' });
    expect(notice(await say('subscriptions'))?.text).toBe('• lora\n• "vision language"\n• -survey');

    const removed = await say('unsubscribe lora gan');
    expect(notice(removed)?.text).toBe('Unsubscribed from lora.\nThis channel was not subscribed to gan.');
  });

  it('refuses more than 50 terms per channel, saying how many it has', async () => {
    const terms = Array.from({ length: 48 }, (_, index) => `term${index}`).join(' ');
    await say(`subscribe ${terms}`);
    const refused = await say('subscribe alpha beta gamma');
    expect(notice(refused)).toMatchObject({
      tone: 'error',
      text: expect.stringContaining('at most 50 terms; this one has 48'),
    });
    expect(await dependencies.subscriptions.list(channel)).toHaveLength(48);
    expect(notice(await say('subscribe alpha beta'))?.tone).toBe('success');
  });

  it('schedules, turns off and configures the digest, and shows the settings', async () => {
    expect(notice(await say('schedule 9:30 Europe/Berlin daily'))?.text).toBe(
      'Digest scheduled: Daily at 09:30 Europe/Berlin (next: Sun 14 Jun, 09:30).',
    );
    await say('config top:7 min-upvotes:10 sources:hf,cs.LG threads:off');
    const settings = notice(await say('settings'))?.text ?? '';
    expect(settings).toContain('Papers per digest: 7 · minimum upvotes: 10');
    expect(settings).toContain('Sources: hf, cs.LG');
    expect(settings).toContain('Threads: off');
    expect(notice(await say('schedule off'))?.text).toContain('The daily digest is off');
    expect((await dependencies.channels.get(channel))?.settings.schedule).toMatchObject({
      enabled: false,
      time: '09:30',
    });
  });

  it('posts a digest now to the channel and never repeats its papers', async () => {
    await say('config top:3');
    const first = await say('digest');
    expect(first.visibility).toBe('channel');
    expect(first.card.items.map((item) => item.id)).toEqual(['2606.93681', '2606.93392', '2606.98063']);
    const second = await say('digest');
    expect(second.card.items.map((item) => item.id)).toEqual(['2606.93289', '2606.93106', '2606.92243']);
  });

  it('says when there is nothing new, or stays quiet if the channel asked for that', async () => {
    await say('config sources:math.GT');
    const empty = await say('digest');
    expect(empty.visibility).toBe('channel');
    expect(notice(empty)?.text).toBe('No new papers today.');
    await say('config empty:off');
    const quiet = await say('digest');
    expect(quiet.visibility).toBe('ephemeral');
  });

  it('shows one paper, today and this week, and looks up an unknown paper', async () => {
    const paper = await say('paper https://huggingface.co/papers/2606.93392');
    expect(paper.card.header).toBe('Helix: Sparse Attention for Genome-Scale DNA Language Models');
    const today = await say('today');
    expect(today.card.header).toContain('Fri, 12 Jun 2026');
    expect(today.card.items[0]?.id).toBe('2606.93681');
    expect((await say('week')).card.items).toHaveLength(10);
    const unknown = await say('paper 2501.00001');
    expect(fetched).toContain('2501.00001');
    expect(notice(unknown)?.text).toContain('does not know paper 2501.00001');
  });

  it('lists every command in the help', async () => {
    const help = notice(await say('help'))?.text ?? '';
    for (const word of [
      'subscribe',
      'unsubscribe',
      'schedule',
      'config',
      'settings',
      'digest',
      'paper',
      'week',
    ]) {
      expect(help).toContain(`/papers ${word}`);
    }
  });

  it('answers with an apology, not an exception, when the store fails', async () => {
    const broken: BotDependencies = {
      ...dependencies,
      search: { search: async () => Promise.reject(new Error('connection reset')) },
    };
    const reply = await handleText(broken, { channel, now }, 'lora');
    expect(notice(reply)).toMatchObject({
      tone: 'error',
      text: expect.stringContaining('Something went wrong on our side'),
    });
  });

  it('works on answers through the answer limit, so a burst waits its turn instead of running all at once', async () => {
    let running = 0;
    let most = 0;
    const counted: BotDependencies = {
      ...dependencies,
      answerLimit: concurrencyLimit(1),
      search: {
        search: async (query) => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
          return dependencies.search.search(query);
        },
      },
    };
    const replies = await Promise.all(
      ['lora', 'agents', 'benchmark'].map((text) => handleText(counted, { channel, now }, text)),
    );
    expect(most).toBe(1);
    expect(replies.every((reply) => reply.card.items.length > 0)).toBe(true);
  });
});
