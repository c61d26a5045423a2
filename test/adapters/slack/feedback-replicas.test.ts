import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../src/adapters/slack/channel-pacer.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { Card } from '../../../src/core/cards/card.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { digestCard } from '../../../src/core/digest/digest-card.js';
import type { FeedbackKind } from '../../../src/core/feedback/feedback.js';
import { feedbackValue } from '../../../src/core/feedback/feedback.js';
import type { Paper } from '../../../src/core/paper.js';
import type { FeedbackStore, PostedMessages } from '../../../src/core/ports.js';
import { type DatabaseHandle, openDatabase } from '../../../src/db/database.js';
import { channels } from '../../../src/db/schema.js';
import { createCountRedrawer, REDRAW_INTERVAL_MS } from '../../../src/scheduler/count-redrawer.js';
import { createDeliveryQueue } from '../../../src/store/delivery-queue.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { deliveryRounds } from '../../helpers/delivery-rounds.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { eventCallback, feedbackChoice, reactionEvent } from '../../helpers/fake-slack-events.js';
import type { FakeMessage } from '../../helpers/fake-slack-messages.js';
import { postSigned } from '../../helpers/fake-slack-receivers.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { asPayloadForm } from '../../helpers/recorded-slack-payloads.js';
import { holdRows } from '../../helpers/row-lock.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../helpers/test-database.js';
import { capturingLogger, daily, gate, scheduledChannel } from '../../scheduler/scheduler-fixtures.js';
import { NOW, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;

/** One replica: its own connection pool, bot, Bolt app behind its own HTTP server, and count redrawer. */
interface Replica {
  handle: DatabaseHandle;
  bot: BotDependencies;
  slack: Harness;
  log: ReturnType<typeof capturingLogger>;
  /** Rounds the redrawer has looked for messages to draw. */
  rounds: number;
  /** While set, this replica's clicks wait for it after reading the clock, before writing. */
  hold: ReturnType<typeof gate> | null;
  held: number;
  redrawer: ReturnType<typeof createCountRedrawer>;
}

describe.skipIf(!postgresUrl)(
  'Slack feedback on two replicas of one Postgres (skipped without DATABASE_URL)',
  { timeout: 30_000 },
  () => {
    let database: TestDatabase;
    let fake: FakeSlack;
    const replicas: Replica[] = [];
    let clock = NOW;
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };
    let papers: Paper[];
    let parent: FakeMessage;
    let replies: FakeMessage[];

    async function startReplica(handle: DatabaseHandle): Promise<Replica> {
      const log = capturingLogger();
      const stores = createStoreBotDependencies(handle.db, log.logger);
      const feedback = stores.feedback as FeedbackStore;
      const postedMessages = stores.postedMessages as PostedMessages;
      let paced = 0;
      const replica = { handle, log, rounds: 0, hold: null, held: 0 } as Replica;
      replica.bot = {
        ...stores,
        fetchPaper: async () => null,
        feedback: {
          ...feedback,
          async click(vote, now) {
            if (replica.hold) {
              replica.held += 1;
              await replica.hold.opened;
            }
            return feedback.click(vote, now);
          },
        },
      };
      replica.slack = await startSlackOverHttp({
        bot: replica.bot,
        handle,
        fake,
        now: () => clock,
        logger: log.logger,
        adapter: {
          pacer: createChannelPacer({
            now: () => paced,
            sleep: async (ms) => {
              paced += ms;
            },
          }),
        },
      });
      replica.redrawer = createCountRedrawer({
        postedMessages: {
          ...postedMessages,
          async claimRedraws(now, minIntervalMs, limit) {
            const due = await postedMessages.claimRedraws(now, minIntervalMs, limit);
            replica.rounds += 1;
            return due;
          },
        },
        feedback,
        posters: [replica.slack.adapter.poster],
        logger: log.logger,
        now: () => clock,
        pollMs: 5,
      });
      return replica;
    }

    beforeAll(async () => {
      database = await openTestDatabase('postgres');
      await createPaperStore(database.db).upsertPapers(fixtureCorpus());
      fake = await startFakeSlack();
      replicas.push(await startReplica(database));
      replicas.push(await startReplica(await openDatabase({ url: database.url ?? '', migrate: false })));
      const [first] = replicas as [Replica];
      papers = await first.bot.catalog.topOfDays('2026-06-12', '2026-06-12', 3);

      // A digest with one thread reply per paper, posted by the first replica, as a delivery would.
      await scheduledChannel(database, ref, { schedule: daily('09:00') }, clock);
      const [row] = await database.db
        .select({ id: channels.id })
        .from(channels)
        .where(eq(channels.channelId, ref.channelId));
      const card = digestCard(
        {
          channel: ref,
          at: clock,
          day: '2026-06-12',
          items: papers.map((paper) => ({ paper, reason: 'trending' as const, matchedTerm: null })),
        },
        { postWhenEmpty: true },
      ) as Card;
      const queue = createDeliveryQueue(database.db);
      await queue.enqueue(
        { channelId: row?.id ?? 0, slotId: null, kind: 'digest', card, idempotencyKey: 'digest:C1' },
        clock,
      );
      const worker = deliveryRounds({
        queue,
        channels: first.bot.channels,
        posters: [first.slack.adapter.poster],
        postedMessages: first.bot.postedMessages,
        owner: 'replica-0',
        leaseMs: 60_000,
        maxAttempts: 3,
        logger: first.log.logger,
        now: () => clock,
      });
      expect(await worker.runOnce()).toBe(1);
      [parent, ...replies] = fake.messages.all().filter((message) => message.channel === ref.channelId) as [
        FakeMessage,
        ...FakeMessage[],
      ];
      expect(replies).toHaveLength(3);
    }, 30_000);

    afterAll(async () => {
      for (const replica of replicas) {
        await replica.redrawer.stop();
        await replica.slack.close();
      }
      await replicas[1]?.handle.close();
      await database?.close();
      await fake?.close();
    });

    /** Where every `response_url` points, whichever replica got the click: one place to count answers. */
    const responses = () => (replicas[0] as Replica).slack.responses;
    let clicks = 0;
    /** `user` chooses `kind` on `paper` in the digest's menu, through `replica`; resolves with the click's id. */
    async function click(replica: Replica, user: string, kind: FeedbackKind, paper: Paper) {
      clicks += 1;
      const id = `click-${clicks}`;
      const body = feedbackChoice({
        value: feedbackValue(kind, paper.id),
        user,
        channel: ref.channelId,
        messageTs: parent.ts,
        responseUrl: responses().url(id),
      });
      const sent = await postSigned(replica.slack.eventsUrl, asPayloadForm(body), { secret: SIGNING_SECRET });
      expect(sent.status).toBe(200);
      return { id, kind, paper };
    }
    /** A `reaction_added` event on the thread reply of `paper`, delivered to each replica of `to`. */
    async function react(to: Replica[], user: string, name: string, paper: Paper, eventId: string) {
      const reply = replies[papers.indexOf(paper)] as FakeMessage;
      const event = reactionEvent({ name, user, channel: ref.channelId, ts: reply.ts, itemUser: 'UBOT' });
      const body = JSON.stringify({ ...eventCallback(event), event_id: eventId });
      for (const replica of to) {
        const sent = await postSigned(replica.slack.eventsUrl, body, {
          secret: SIGNING_SECRET,
          contentType: 'application/json',
        });
        expect(sent.status).toBe(200);
      }
    }
    const handledReactions = () =>
      replicas.flatMap((replica) => replica.log.lines).filter((line) => line.message === 'reaction handled');
    const countsOf = async (paper: Paper) =>
      (await (replicas[1] as Replica).bot.feedback?.counts(ref, [paper.id]))?.get(paper.id);
    const current = (message: FakeMessage) => fake.messages.at(message.channel, message.ts) as FakeMessage;
    /** The counts each context block shows (a paper's line ends with them, after ` · `). */
    const shown = (message: FakeMessage) =>
      JSON.stringify(current(message).blocks)
        .match(/(🔖 \d+ · 👍 \d+|🔖 \d+|👍 \d+)(?=")/g)
        ?.join(' | ') ?? '';

    /** Both replicas' redrawers poll (every 5 ms, on the frozen clock) until each has looked `rounds` more times. */
    async function redrawOnBoth(rounds = 10) {
      const start = replicas.map((replica) => replica.rounds);
      for (const replica of replicas) replica.redrawer.start();
      await expect
        .poll(() => replicas.every((replica, index) => replica.rounds >= (start[index] ?? 0) + rounds), {
          timeout: 15_000,
        })
        .toBe(true);
      await Promise.all(replicas.map((replica) => replica.redrawer.stop()));
    }

    const said = {
      save: '🔖 Saved to this channel',
      relevant: '👍 Marked relevant',
      notRelevant: '👎 Noted',
    };

    it('counts every click and reaction once, with half of them on each replica and double clicks on both', async () => {
      const [one, two, three] = papers as [Paper, Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      const users = Array.from({ length: 16 }, (_, index) => `U${String(index).padStart(2, '0')}`);
      const [answers] = await Promise.all([
        Promise.all(
          users.flatMap((user, index) => {
            const own = index % 2 === 0 ? a : b;
            return [
              // A double click of 🔖 whose two requests land on different replicas.
              click(a, user, 'save', one),
              click(b, user, 'save', one),
              click(own, user, 'relevant', one),
              // A double click of 👍 on one replica.
              ...(index % 3 === 0
                ? [click(own, user, 'relevant', two), click(own, user, 'relevant', two)]
                : []),
              ...(index % 3 === 1 ? [click(own, user, 'notRelevant', two)] : []),
            ];
          }),
        ),
        ...['UR0', 'UR1', 'UR2', 'UR3', 'UR4', 'UR5'].map((user, index) =>
          // UR0's 🔖 is delivered twice, once to each replica, as a retried event can be.
          react(index === 0 ? [a, b] : [index % 2 === 0 ? a : b], user, 'bookmark', three, `EvSAVE${index}`),
        ),
        ...['UR0', 'UR1', 'UR2'].map((user, index) =>
          react([index % 2 === 0 ? b : a], user, '+1', three, `EvLIKE${index}`),
        ),
        react([b], 'UR3', '-1', three, 'EvDISLIKE'),
      ]);
      expect(answers).toHaveLength(16 * 3 + 6 * 2 + 5);
      expect(answers.filter((entry) => entry.kind === 'save')).toHaveLength(32);
      await Promise.all(answers.map((answer) => responses().waitFor(answer.id)));
      await expect.poll(() => handledReactions().length, { timeout: 15_000 }).toBe(11);

      expect(await countsOf(one)).toEqual({ relevant: 16, saved: 16 });
      expect(await countsOf(two)).toEqual({ relevant: 6, saved: 0 });
      expect(await countsOf(three)).toEqual({ relevant: 3, saved: 6 });
      const signals = await a.bot.feedback?.signals(ref);
      expect(signals?.find((signal) => signal.paperId === two.id)).toMatchObject({ notRelevant: 5 });
      expect(signals?.find((signal) => signal.paperId === three.id)).toMatchObject({ notRelevant: 1 });
      expect(handledReactions().filter((line) => line.fields.counted !== true)).toEqual([]);

      // Every clicker was told once, privately, through response_url; the message clicked was not replaced.
      for (const answer of answers) {
        const posts = responses().postsFor(answer.id);
        expect(posts, answer.id).toHaveLength(1);
        expect(posts[0]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      }
      // What a single click did (a double click's answers are the last test's).
      const single = answers.filter((answer) => answer.kind !== 'save' && answer.paper === one);
      expect(single).toHaveLength(16);
      for (const answer of [...single, ...answers.filter((answer) => answer.kind === 'notRelevant')]) {
        expect(JSON.stringify(responses().postsFor(answer.id)[0]?.body.blocks)).toContain(said[answer.kind]);
      }
      expect((replicas[1] as Replica).slack.responses.posts).toEqual([]);
      // Clicks never edit the message; nothing went wrong on either replica.
      expect(fake.callsTo('chat.update')).toEqual([]);
      const lines = replicas.flatMap((replica) => replica.log.lines);
      expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
    });

    it('draws each message once with the right counts, though both replicas’ redrawers keep looking', async () => {
      await redrawOnBoth();
      expect([parent, ...replies].map((message) => current(message).updates)).toEqual([1, 1, 1, 1]);
      expect(fake.callsTo('chat.update')).toHaveLength(4);
      expect(shown(parent)).toBe('🔖 16 · 👍 16 | 👍 6 | 🔖 6 · 👍 3');
      expect(replies.map(shown)).toEqual(['🔖 16 · 👍 16', '👍 6', '🔖 6 · 👍 3']);
      expect(JSON.stringify(current(parent).blocks)).not.toMatch(/👎 \d/);
    });

    it('draws again only once the interval has passed, then with the votes that came in between', async () => {
      const [, two] = papers as [Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      advance(1000);
      const late = await Promise.all([
        click(a, 'UL0', 'save', two),
        click(b, 'UL0', 'save', two),
        click(b, 'UL1', 'save', two),
        click(a, 'UL2', 'save', two),
      ]);
      await Promise.all(late.map((answer) => responses().waitFor(answer.id)));
      await redrawOnBoth();
      expect([parent, ...replies].map((message) => current(message).updates)).toEqual([1, 1, 1, 1]);

      advance(REDRAW_INTERVAL_MS - 1000);
      await redrawOnBoth();
      // Only the messages showing the second paper changed: the list and its thread reply.
      expect([parent, ...replies].map((message) => current(message).updates)).toEqual([2, 1, 2, 1]);
      expect(shown(parent)).toBe('🔖 16 · 👍 16 | 🔖 3 · 👍 6 | 🔖 6 · 👍 3');
      expect(shown(replies[1] as FakeMessage)).toBe('🔖 3 · 👍 6');
    });

    it('draws a vote whose request read the clock before a draw on the other replica but wrote after it', async () => {
      const [, , three] = papers as [Paper, Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      advance(REDRAW_INTERVAL_MS);
      // UH0's click reaches replica A, which reads the time, then waits (a slow connection, a busy pool).
      a.hold = gate();
      const slow = click(a, 'UH0', 'save', three);
      await expect.poll(() => a.held, { timeout: 15_000 }).toBe(1);
      // Meanwhile UH1's click on replica B is recorded, and B draws the counts a millisecond later.
      advance(1);
      const quick = await click(b, 'UH1', 'save', three);
      await responses().waitFor(quick.id);
      await redrawOnBoth(3);
      expect(shown(replies[2] as FakeMessage)).toBe('🔖 7 · 👍 3');
      // Now A writes UH0's save.
      a.hold.open();
      await responses().waitFor((await slow).id);
      a.hold = null;
      expect(await countsOf(three)).toEqual({ relevant: 3, saved: 8 });

      advance(REDRAW_INTERVAL_MS);
      await redrawOnBoth();
      expect(shown(replies[2] as FakeMessage)).toBe('🔖 8 · 👍 3');
    });

    it('tells both halves of a double click that the vote counts, when they reach Postgres at the same moment', async () => {
      const [, , three] = papers as [Paper, Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      // UD0 liked the paper and took it back earlier: their row is there, at 0.
      for (const _ of [1, 2]) {
        advance(3000);
        await responses().waitFor((await click(a, 'UD0', 'relevant', three)).id);
      }
      const before = (await countsOf(three))?.relevant ?? 0;
      advance(3000);
      // The double click's two requests, one on each replica, both wait for UD0's row, then are let through.
      const held = await holdRows(
        database.url ?? '',
        'select 1 from paper_feedback where user_id = $1 for update',
        ['UD0'],
      );
      const both = Promise.all([click(a, 'UD0', 'relevant', three), click(b, 'UD0', 'relevant', three)]);
      await expect.poll(() => held.waiting(), { timeout: 15_000 }).toBe(2);
      await held.release();
      const answers = await both;
      await Promise.all(answers.map((answer) => responses().waitFor(answer.id)));
      expect((await countsOf(three))?.relevant).toBe(before + 1);
      const told = answers.map((answer) => JSON.stringify(responses().postsFor(answer.id)[0]?.body.blocks));
      expect(told).toEqual([expect.stringContaining(said.relevant), expect.stringContaining(said.relevant)]);
    });
  },
);
