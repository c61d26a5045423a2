import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../src/core/channel.js';
import { rowsOf } from '../../../src/store/rows.js';
import type { SeenAnswer } from '../../helpers/fake-discord.js';
import {
  CHANNEL_ID,
  commandInteraction,
  componentInteraction,
  componentsOf,
  type DiscordOverHttp,
  embedText,
  GUILD_ID,
  NOW,
  seenAnswer,
  sendSigned,
  startDiscordOverHttp,
} from './discord-fixtures.js';

const EPHEMERAL = 64;
const HELIX = '2606.93392';
const channel: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };

let harness: DiscordOverHttp;
/** The adapter's clock: each click happens 3 s after the last, past the store's double-click window. */
let clock = NOW;
let tokens = 0;
beforeAll(async () => {
  harness = await startDiscordOverHttp({}, { now: () => clock });
});
afterAll(async () => harness?.close());

async function click(
  customId: string,
  extra: { values?: string[]; userId?: string; sameInstant?: boolean } = {},
) {
  if (!extra.sameInstant) clock = new Date(clock.getTime() + 3000);
  tokens += 1;
  const body = componentInteraction(customId, { token: `click-${tokens}`, ...extra });
  const initial = await sendSigned(harness, body);
  return { initial, seen: await harness.discord.answerFor(body.token, initial) };
}
const said = (answer: SeenAnswer): string => embedText(answer.data);
const counts = async (paperId = HELIX) =>
  (await harness.bot.feedback?.counts(channel, [paperId]))?.get(paperId);
const feedbackRows = async () =>
  rowsOf<{ n: number }>(
    await harness.handle.db.execute(sql`select count(*)::int as n from paper_feedback`),
  )[0]?.n;

/** A click is answered with a message only the clicker sees, and the message clicked is left as it is. */
function expectPrivateAnswer(answer: {
  initial: { type: number; data?: { flags?: number } };
  seen: SeenAnswer;
}) {
  expect([4, 5]).toContain(answer.initial.type);
  expect(answer.initial.data?.flags).toBe(EPHEMERAL);
  expect(answer.seen.flags).toBe(EPHEMERAL);
}

describe('feedback clicks on Discord', () => {
  it('shows the controls on the papers of an answer, and every control is one the handler reads', async () => {
    const answer = await seenAnswer(
      harness,
      commandInteraction('papers', [{ name: 'topic', type: 3, value: '"sparse attention"' }], {
        token: 'search-token',
      }),
    );
    const values = componentsOf(answer.data).flatMap((component) =>
      component.options ? component.options.map((option) => option.value) : [component.custom_id],
    );
    expect(values).toEqual(
      expect.arrayContaining([`f|fb1:r:${HELIX}`, `f|fb1:n:${HELIX}`, `f|fb1:s:${HELIX}`]),
    );
  });

  it('records 👍, takes it back on a second click, and lets 👎 replace it, confirming each privately', async () => {
    const liked = await click(`f|fb1:r:${HELIX}`);
    expectPrivateAnswer(liked);
    expect(said(liked.seen)).toContain('👍 Marked relevant');
    expect(await counts()).toEqual({ relevant: 1, saved: 0 });

    const withdrawn = await click(`f|fb1:r:${HELIX}`);
    expect(said(withdrawn.seen)).toContain('👍 Taken back.');
    expect(await counts()).toEqual({ relevant: 0, saved: 0 });

    await click(`f|fb1:r:${HELIX}`);
    const disliked = await click(`f|fb1:n:${HELIX}`);
    expect(said(disliked.seen)).toContain('👎 Noted, only you can see this');
    expect(await counts()).toEqual({ relevant: 0, saved: 0 });
    const [signal] = (await harness.bot.feedback?.signals(channel)) ?? [];
    expect(signal).toMatchObject({ paperId: HELIX, relevant: 0, notRelevant: 1 });
  });

  it('saves independently of the vote, from the 🔖 select menu too, and counts a double click once', async () => {
    const saved = await click('f|pick:s', { values: [`fb1:s:${HELIX}`] });
    expectPrivateAnswer(saved);
    expect(said(saved.seen)).toContain("🔖 Saved to this channel's reading list");
    const again = await click('f|pick:s', { values: [`fb1:s:${HELIX}`], sameInstant: true });
    expect(said(again.seen)).toContain('🔖 Saved');
    expect(await counts()).toEqual({ relevant: 0, saved: 1 });
    const other = await click(`f|fb1:r:${HELIX}`, { userId: '700000000000000002' });
    expect(said(other.seen)).toContain('👍 Marked relevant');
    expect(await counts()).toEqual({ relevant: 1, saved: 1 });
  });

  it('counts two clicks arriving at once from one person once', async () => {
    clock = new Date(clock.getTime() + 3000);
    const paper = '2606.93681';
    const bodies = ['twin-a', 'twin-b'].map((token) =>
      componentInteraction(`f|fb1:s:${paper}`, { token, userId: '700000000000000003' }),
    );
    await Promise.all(bodies.map((body) => sendSigned(harness, body)));
    expect(await counts(paper)).toEqual({ relevant: 0, saved: 1 });
  });

  it.each([
    ['a tampered kind', 'f|fb1:x:2606.93392', undefined],
    ['a paper paperboy does not store', 'f|fb1:s:2699.99999', undefined],
    ['extra fields in the value', 'f|fb1:s:2606.93392:1', undefined],
    ['a menu choice of another kind', 'f|pick:s', ['fb1:r:2606.93392']],
    ['a menu with two choices', 'f|pick:s', ['fb1:s:2606.93392', 'fb1:s:2606.93681']],
    ['a menu choice that is not a value', 'f|pick:r', ['2606.93392']],
  ])('refuses %s with "That button no longer works" and writes nothing', async (_name, customId, values) => {
    const before = await feedbackRows();
    const countsBefore = await counts();
    const answer = await click(customId, values ? { values } : {});
    expectPrivateAnswer(answer);
    expect(said(answer.seen)).toContain('That button no longer works');
    expect(await feedbackRows()).toBe(before);
    expect(await counts()).toEqual(countsBefore);
  });

  it('never edits the message clicked: every answer was a new private message (4 or 5), no message edited', () => {
    // expectPrivateAnswer checked each click's response type; no click made paperboy edit a channel message.
    const edits = harness.discord.calls.filter(
      (call) => call.method === 'PATCH' && call.path.startsWith('/channels/'),
    );
    expect(edits).toEqual([]);
    expect(harness.discord.calls.some((call) => call.path.includes('/callback'))).toBe(false);
  });

  it("shows the channel's counts on the paper in the next answer (🔖 and 👍, never 👎)", async () => {
    const answer = await seenAnswer(
      harness,
      commandInteraction('papers', [{ name: 'topic', type: 3, value: '"sparse attention"' }], {
        token: 'search-again',
      }),
    );
    expect(embedText(answer.data)).toContain('🔖 1 · 👍 1');
    expect(embedText(answer.data)).not.toContain('👎');
  });
});
