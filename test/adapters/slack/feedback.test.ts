import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../src/adapters/slack/channel-pacer.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { Card } from '../../../src/core/cards/card.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { digestCard } from '../../../src/core/digest/digest-card.js';
import type { Paper } from '../../../src/core/paper.js';
import type { FeedbackStore, PostedMessages } from '../../../src/core/ports.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { channels } from '../../../src/db/schema.js';
import { createCountRedrawer } from '../../../src/scheduler/count-redrawer.js';
import { createDeliveryQueue } from '../../../src/store/delivery-queue.js';
import { deliveryRounds } from '../../helpers/delivery-rounds.js';
import { slackError } from '../../helpers/fake-slack.js';
import { eventCallback, feedbackChoice, reactionEvent } from '../../helpers/fake-slack-events.js';
import type { FakeMessage } from '../../helpers/fake-slack-messages.js';
import { postSigned } from '../../helpers/fake-slack-receivers.js';
import { asPayloadForm } from '../../helpers/recorded-slack-payloads.js';
import { capturingLogger, daily, scheduledChannel } from '../../scheduler/scheduler-fixtures.js';
import { NOW, openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;
interface Loose {
  type: string;
  elements?: { text: string }[];
  accessory?: { options: { value: string }[] };
}

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
let handle: DatabaseHandle;
let bot: BotDependencies;
let feedback: FeedbackStore;
let posted: PostedMessages;
let slack: Harness;
let clock = NOW;
let papers: Paper[];
const log = capturingLogger();
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

/** The digest's posts in the fake Slack: the parent list first, then one thread reply per paper. */
let parent: FakeMessage;
let replies: FakeMessage[];

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  feedback = bot.feedback as FeedbackStore;
  posted = bot.postedMessages as PostedMessages;
  let paced = 0;
  slack = await startSlackOverHttp({
    bot,
    handle,
    now: () => clock,
    logger: log.logger,
    // Pacing on a fake clock: a wait advances it instead of sleeping.
    adapter: {
      pacer: createChannelPacer({
        now: () => paced,
        sleep: async (ms) => {
          paced += ms;
        },
      }),
    },
  });
  papers = await bot.catalog.topOfDays('2026-06-12', '2026-06-12', 3);
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

const redrawer = () =>
  createCountRedrawer({
    postedMessages: posted,
    feedback,
    posters: [slack.adapter.poster],
    logger: log.logger,
    now: () => clock,
  });

const contextsOf = (message: FakeMessage | undefined) =>
  ((message?.blocks ?? []) as Loose[])
    .filter((block) => block.type === 'context')
    .map((block) => block.elements?.[0]?.text ?? '');
const current = (message: FakeMessage) => slack.fake.messages.at(message.channel, message.ts);

let responses = 0;
/** `user` chooses `value` in a feedback menu of `messageTs`; resolves with the ephemeral answer. */
async function choose(value: string, user: string, messageTs = parent.ts, channel = 'C1') {
  responses += 1;
  const id = `choice-${responses}`;
  const body = asPayloadForm(
    feedbackChoice({ value, user, channel, messageTs, responseUrl: slack.responses.url(id) }),
  );
  expect((await postSigned(slack.eventsUrl, body, { secret: SIGNING_SECRET })).status).toBe(200);
  const [answer] = await slack.responses.waitFor(id);
  return answer?.body as {
    response_type: string;
    replace_original: boolean;
    text: string;
    blocks: unknown[];
  };
}

let reactions = 0;
/** A reaction event, signed as Slack sends it; resolves once the listener has handled it (its log line). */
async function react(
  reaction: Omit<Parameters<typeof reactionEvent>[0], 'itemUser'> & { itemUser?: string },
) {
  reactions += 1;
  const event = reactionEvent({ itemUser: 'UBOT', ...reaction, ts: reaction.ts });
  const body = { ...eventCallback(event), event_id: `EvREACT${reactions}` };
  const sent = await postSigned(slack.eventsUrl, JSON.stringify(body), {
    secret: SIGNING_SECRET,
    contentType: 'application/json',
  });
  expect(sent.status).toBe(200);
  const handled = () =>
    log.lines.some(
      (line) => line.message === 'reaction handled' && line.fields.eventId === `EvREACT${reactions}`,
    );
  await expect.poll(handled).toBe(true);
}

const countsOf = async (paper: Paper, channel = ref) =>
  (await feedback.counts(channel, [paper.id])).get(paper.id);

describe('a digest posted with threads', () => {
  it('records what each post shows: the list on the parent, one paper on each thread reply', async () => {
    await scheduledChannel(handle, ref, { schedule: daily('09:00') }, clock);
    const [row] = await handle.db
      .select({ id: channels.id })
      .from(channels)
      .where(eq(channels.channelId, 'C1'));
    const digest = digestCard(
      {
        channel: ref,
        at: clock,
        day: '2026-06-12',
        items: papers.map((paper) => ({ paper, reason: 'trending' as const, matchedTerm: null })),
      },
      { postWhenEmpty: true },
    ) as Card;
    const queue = createDeliveryQueue(handle.db);
    await queue.enqueue(
      { channelId: row?.id ?? 0, slotId: null, kind: 'digest', card: digest, idempotencyKey: 'digest:C1' },
      clock,
    );
    const worker = deliveryRounds({
      queue,
      channels: bot.channels,
      posters: [slack.adapter.poster],
      postedMessages: posted,
      owner: 'worker-a',
      leaseMs: 60_000,
      maxAttempts: 3,
      logger: log.logger,
      now: () => clock,
    });
    expect(await worker.runOnce()).toBe(1);

    const inChannel = slack.fake.messages.all().filter((message) => message.channel === 'C1');
    expect(inChannel).toHaveLength(4);
    [parent, ...replies] = inChannel as [FakeMessage, ...FakeMessage[]];
    expect(replies.map((reply) => reply.threadTs)).toEqual([parent.ts, parent.ts, parent.ts]);
    const menus = (parent.blocks as Loose[]).flatMap((block) => (block.accessory ? [block.accessory] : []));
    expect(menus.map((menu) => menu.options.map((option) => option.value))).toEqual(
      papers.map((paper) => [`fb1:r:${paper.id}`, `fb1:n:${paper.id}`, `fb1:s:${paper.id}`]),
    );

    const parentShows = await posted.find(ref, parent.ts);
    expect(parentShows?.perPaper).toBe(false);
    expect(parentShows?.card.items.map((item) => item.id)).toEqual(papers.map((paper) => paper.id));
    for (const [index, reply] of replies.entries()) {
      const shows = await posted.find(ref, reply.ts);
      expect(shows?.perPaper).toBe(true);
      expect(shows?.card.items.map((item) => item.id)).toEqual([papers[index]?.id]);
    }
  });
});

describe('clicks on a paper’s menu', () => {
  it('confirm to the clicker alone, without replacing the message; the redraw shows the count, at most every 5 s', async () => {
    const [first] = papers as [Paper];
    const answer = await choose(`fb1:r:${first.id}`, 'U1');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answer.blocks)).toContain('Marked relevant');
    expect(current(parent)?.updates).toBe(0);

    const posted = JSON.stringify(current(parent)?.blocks);
    expect(await redrawer().round()).toBe(2);
    expect(contextsOf(current(parent))[1]).toMatch(/ · 👍 1$/);
    // The same blocks, menus and all, but for the counts.
    expect(JSON.stringify(current(parent)?.blocks).replace(' · 👍 1', '')).toBe(posted);
    expect(contextsOf(current(replies[0] as FakeMessage))[0]).toMatch(/ · 👍 1$/);
    expect(slack.fake.callsTo('chat.update').every((call) => call.token === 'xoxb-test-token')).toBe(true);

    advance(1000);
    expect(JSON.stringify((await choose(`fb1:s:${first.id}`, 'U2')).blocks)).toContain('Saved');
    expect(await redrawer().round()).toBe(0);
    advance(5000);
    expect(await redrawer().round()).toBe(2);
    expect(contextsOf(current(parent))[1]).toMatch(/ · 🔖 1 · 👍 1$/);
    expect(current(parent)?.updates).toBe(2);
    advance(10_000);
    expect(await redrawer().round()).toBe(0);
  });

  it('records each kind; a second click takes it back, a double click counts once', async () => {
    const second = papers[1] as Paper;
    advance(3000);
    expect(JSON.stringify((await choose(`fb1:n:${second.id}`, 'U3')).blocks)).toContain('👎 Noted');
    expect(await countsOf(second)).toEqual({ relevant: 0, saved: 0 });
    advance(3000);
    expect(JSON.stringify((await choose(`fb1:r:${second.id}`, 'U3')).blocks)).toContain('Marked relevant');
    expect(JSON.stringify((await choose(`fb1:r:${second.id}`, 'U3')).blocks)).toContain('Marked relevant');
    expect(await countsOf(second)).toEqual({ relevant: 1, saved: 0 });
    advance(3000);
    expect(JSON.stringify((await choose(`fb1:r:${second.id}`, 'U3')).blocks)).toContain('Taken back');
    expect(JSON.stringify((await choose(`fb1:s:${second.id}`, 'U3')).blocks)).toContain('Saved');
    advance(3000);
    expect(JSON.stringify((await choose(`fb1:s:${second.id}`, 'U3')).blocks)).toContain('Taken off');
    expect(await countsOf(second)).toEqual({ relevant: 0, saved: 0 });
    // Nobody's 👎 is shown, nor counted, in the message.
    advance(10_000);
    await redrawer().round();
    expect(JSON.stringify(current(parent)?.blocks)).not.toMatch(/👎 \d/);
  });

  it('refuses forged and stale values, and papers it does not store, and writes nothing', async () => {
    const before = await feedback.signals(ref);
    const forged = [
      'fb1:r:2699.99999',
      'fb1:x:2606.93392',
      'fb2:r:2606.93392',
      'fb1:r:2606.93392:extra',
      'fb1:r:../../etc/passwd',
      'garbage',
      '',
      `fb1:r:${'9'.repeat(3000)}`,
    ];
    for (const value of forged) {
      advance(3000);
      const answer = await choose(value, 'U4');
      expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(JSON.stringify(answer.blocks), value).toContain('That button no longer works');
    }
    expect(await feedback.signals(ref)).toEqual(before);
  });
});

describe('reactions', () => {
  it('count 👍 👎 🔖 on a thread reply about one paper; adding sets, removing clears', async () => {
    const third = papers[2] as Paper;
    const reply = replies[2] as FakeMessage;
    await react({ name: '+1', user: 'U5', channel: 'C1', ts: reply.ts });
    expect(await countsOf(third)).toEqual({ relevant: 1, saved: 0 });
    await react({ name: 'thumbsup', user: 'U5', channel: 'C1', ts: reply.ts });
    await react({ name: '+1::skin-tone-3', user: 'U6', channel: 'C1', ts: reply.ts });
    expect(await countsOf(third)).toEqual({ relevant: 2, saved: 0 });
    await react({ added: false, name: '+1', user: 'U5', channel: 'C1', ts: reply.ts });
    await react({ name: 'bookmark', user: 'U5', channel: 'C1', ts: reply.ts });
    await react({ name: 'thumbsdown', user: 'U7', channel: 'C1', ts: reply.ts });
    expect(await countsOf(third)).toEqual({ relevant: 1, saved: 1 });
    const signal = (await feedback.signals(ref)).find((entry) => entry.paperId === third.id);
    expect(signal).toMatchObject({ relevant: 1, notRelevant: 1, saved: 1 });

    advance(10_000);
    await redrawer().round();
    expect(contextsOf(current(reply))[0]).toMatch(/ · 🔖 1 · 👍 1$/);
  });

  it('are ignored on other emoji, the list message, other people’s messages and other channels', async () => {
    const before = await feedback.signals(ref);
    const reply = replies[0] as FakeMessage;
    const someone = slack.fake.messages.seed({ channel: 'C1', user: 'U8', text: 'my own message' });
    await react({ name: 'tada', user: 'U5', channel: 'C1', ts: reply.ts });
    await react({ name: '+1', user: 'U5', channel: 'C1', ts: parent.ts });
    await react({ name: '+1', user: 'U5', channel: 'C1', ts: someone.ts, itemUser: 'U8' });
    // Even if the event claimed the bot posted it, paperboy did not: the core finds no such post.
    await react({ name: 'bookmark', user: 'U5', channel: 'C1', ts: someone.ts });
    await react({ name: 'bookmark', user: 'U5', channel: 'C2', ts: reply.ts });
    expect(await feedback.signals(ref)).toEqual(before);
    const handled = log.lines.filter((line) => line.message === 'reaction handled').slice(-5);
    expect(handled.map((line) => line.fields.counted)).toEqual([false, false, false, false, false]);
  });
});

describe('redraws Slack refuses', () => {
  it('are logged with the reason and do not stop the others; a rate limit draws again later', async () => {
    const [first] = papers as [Paper];
    slack.fake.rule('chat.update', (params) =>
      params.ts === parent.ts ? slackError('message_not_found') : undefined,
    );
    advance(10_000);
    await choose(`fb1:s:${first.id}`, 'U9');
    const updated = current(replies[0] as FakeMessage)?.updates ?? 0;
    expect(await redrawer().round()).toBe(2);
    expect(current(replies[0] as FakeMessage)?.updates).toBe(updated + 1);
    const warning = log.lines.find((line) => line.message === 'could not redraw the counts of a message');
    expect(warning?.fields).toMatchObject({ message: parent.ts });
    expect(warning?.fields.error).toMatchObject({ code: 'editRefused', reason: 'message_not_found' });

    let limited = true;
    slack.fake.rule('chat.update', () => {
      if (!limited) return undefined;
      limited = false;
      return { status: 429, retryAfterSeconds: 3 };
    });
    advance(10_000);
    await choose(`fb1:s:${first.id}`, 'U10');
    const before = current(replies[0] as FakeMessage)?.updates ?? 0;
    await redrawer().round();
    expect(log.lines.some((line) => line.message.startsWith('rate limited while redrawing counts'))).toBe(
      true,
    );
    advance(5000);
    await redrawer().round();
    expect(current(replies[0] as FakeMessage)?.updates).toBe(before + 1);
    expect(contextsOf(current(replies[0] as FakeMessage))[0]).toMatch(/🔖 3 · 👍 1$/);
  });

  it('the fake refuses to update a message that is not the bot’s (cant_update_message)', async () => {
    const someone = slack.fake.messages.seed({ channel: 'C1', user: 'U8' });
    const shown = await posted.find(ref, (replies[1] as FakeMessage).ts);
    await posted.record(
      { channel: ref, messageId: someone.ts, card: shown?.card as Card, perPaper: true },
      clock,
    );
    advance(10_000);
    await choose(`fb1:s:${(papers[1] as Paper).id}`, 'U11');
    await redrawer().round();
    const refusals = log.lines.filter((line) => line.message === 'could not redraw the counts of a message');
    expect(refusals.at(-1)?.fields).toMatchObject({
      message: someone.ts,
      error: expect.objectContaining({ reason: 'cant_update_message' }),
    });
    expect(slack.fake.messages.at('C1', someone.ts)?.updates).toBe(0);
  });
});
