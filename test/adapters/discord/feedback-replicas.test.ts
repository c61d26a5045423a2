import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { paperListCard } from '../../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { FeedbackKind } from '../../../src/core/feedback/feedback.js';
import { feedbackValue } from '../../../src/core/feedback/feedback.js';
import type { Paper } from '../../../src/core/paper.js';
import type { FeedbackStore, PostedMessages } from '../../../src/core/ports.js';
import { type DatabaseHandle, openDatabase } from '../../../src/db/database.js';
import { channels } from '../../../src/db/schema.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { createCountRedrawer, REDRAW_INTERVAL_MS } from '../../../src/scheduler/count-redrawer.js';
import { createChannelStore } from '../../../src/store/channel-store.js';
import { createDeliveryQueue } from '../../../src/store/delivery-queue.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { deliveryRounds } from '../../helpers/delivery-rounds.js';
import {
  type FakeDiscord,
  type FakeMessage,
  type InitialResponse,
  startFakeDiscord,
} from '../../helpers/fake-discord.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { holdRows } from '../../helpers/row-lock.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../helpers/test-database.js';
import { capturingLogger, gate } from '../../scheduler/scheduler-fixtures.js';
import {
  APPLICATION_ID,
  CHANNEL_ID,
  componentInteraction,
  discordConfig,
  embedText,
  GUILD_ID,
  NOW,
  postInteraction,
  testKeyPair,
} from './discord-fixtures.js';

const ref: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
const EPHEMERAL = 64;
const { privateKey, publicKeyHex } = testKeyPair();

/** One replica: its own connection pool, bot, Discord adapter behind its own HTTP server, and count redrawer. */
interface Replica {
  handle: DatabaseHandle;
  bot: BotDependencies;
  adapter: ChatAdapter;
  http: HttpServer;
  url: string;
  log: ReturnType<typeof capturingLogger>;
  /** Rounds the redrawer has looked for messages to draw. */
  rounds: number;
  /** While set, this replica's clicks wait for it after reading the clock, before writing. */
  hold: ReturnType<typeof gate> | null;
  held: number;
  redrawer: ReturnType<typeof createCountRedrawer>;
}

describe.skipIf(!postgresUrl)(
  'Discord feedback on two replicas of one Postgres (skipped without DATABASE_URL)',
  { timeout: 30_000 },
  () => {
    let database: TestDatabase;
    let discord: FakeDiscord;
    const replicas: Replica[] = [];
    let clock = NOW;
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };
    let papers: Paper[];
    /** The digest's list message, then the messages of its thread. */
    let main: FakeMessage;
    let details: FakeMessage[];

    async function startReplica(handle: DatabaseHandle): Promise<Replica> {
      const log = capturingLogger();
      const stores = createStoreBotDependencies(handle.db, log.logger);
      const feedback = stores.feedback as FeedbackStore;
      const postedMessages = stores.postedMessages as PostedMessages;
      const replica = { handle, log, rounds: 0, hold: null, held: 0 } as unknown as Replica;
      replica.bot = {
        ...stores,
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
      const config = discordConfig({
        DISCORD_API_URL: discord.api,
        DISCORD_PUBLIC_KEY: publicKeyHex,
        DISCORD_GATEWAY: 'false',
      });
      replica.http = createHttpServer(log.logger);
      replica.adapter = createDiscordAdapter({
        config,
        bot: replica.bot,
        http: replica.http,
        db: handle.db,
        logger: log.logger,
        now: () => clock,
      });
      await replica.adapter.start();
      const { port } = await replica.http.listen(0, '127.0.0.1');
      replica.url = `http://127.0.0.1:${port}/discord/interactions`;
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
        posters: [replica.adapter.poster],
        logger: log.logger,
        now: () => clock,
        pollMs: 5,
      });
      return replica;
    }

    beforeAll(async () => {
      database = await openTestDatabase('postgres');
      await createPaperStore(database.db).upsertPapers(fixtureCorpus());
      discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
      replicas.push(await startReplica(database));
      replicas.push(await startReplica(await openDatabase({ url: database.url ?? '', migrate: false })));
      const [first] = replicas as [Replica];
      papers = await first.bot.catalog.topOfDays('2026-07-13', '2026-07-13', 3);

      // A digest with 👍 👎 🔖 on each paper, posted by the first replica, as a delivery would.
      await createChannelStore(database.db).ensure(ref);
      const [row] = await database.db
        .select({ id: channels.id })
        .from(channels)
        .where(eq(channels.channelId, ref.channelId));
      const card = {
        ...paperListCard('Your paper digest', 'Daily Papers of Mon, 13 Jul 2026', papers),
        feedback: true,
      };
      const queue = createDeliveryQueue(database.db);
      await queue.enqueue(
        { channelId: row?.id ?? 0, slotId: null, kind: 'digest', card, idempotencyKey: 'digest:discord' },
        clock,
      );
      const worker = deliveryRounds({
        queue,
        channels: first.bot.channels,
        posters: [first.adapter.poster],
        postedMessages: first.bot.postedMessages,
        owner: 'replica-0',
        leaseMs: 60_000,
        maxAttempts: 3,
        logger: first.log.logger,
        now: () => clock,
      });
      expect(await worker.runOnce()).toBe(1);
      [main] = discord.messagesIn(CHANNEL_ID) as [FakeMessage];
      details = discord.messagesIn(main.id);
      expect(details).toHaveLength(1);
    }, 30_000);

    afterAll(async () => {
      for (const replica of replicas) {
        await replica.redrawer.stop();
        await replica.adapter.stop();
        await replica.http.close();
      }
      await replicas[1]?.handle.close();
      await database?.close();
      await discord?.close();
    });

    let clicks = 0;
    /** `user` clicks `kind` on `paper` under the digest, through `replica`, signed as Discord signs. */
    async function click(replica: Replica, user: string, kind: FeedbackKind, paper: Paper) {
      clicks += 1;
      const token = `click-${clicks}`;
      const base = componentInteraction(`f|${feedbackValue(kind, paper.id)}`, { token, userId: user });
      const body = {
        ...base,
        id: String(610_000_000_000_000_000n + BigInt(clicks)),
        message: { ...base.message, id: main.id },
      };
      discord.sawInteraction(body);
      const response = await postInteraction(replica.url, JSON.stringify(body), {
        privateKey,
        timestamp: String(Math.floor(clock.getTime() / 1000)),
      });
      expect(response.status).toBe(200);
      const initial = (await response.json()) as InitialResponse;
      const seen = await discord.answerFor(token, initial);
      return { token, kind, paper, initial, seen };
    }
    const countsOf = async (paper: Paper) =>
      (await (replicas[1] as Replica).bot.feedback?.counts(ref, [paper.id]))?.get(paper.id);
    /**
     * The counts each paper's line of a message shows, as it is now in the fake (`1. … · 🔖 3 · 👍 5` in the
     * list, `Stats: … · 🔖 3 · 👍 5` in the thread), `-` for none.
     */
    const shown = (message: FakeMessage) =>
      embedText(message.body)
        .split('\n')
        .filter((line) => /^(\d+\. |Stats: )/.test(line))
        .map((line) => /(🔖 \d+ · 👍 \d+|🔖 \d+|👍 \d+)$/.exec(line)?.[1] ?? '-')
        .join(' | ');
    const editsOf = (message: FakeMessage) =>
      discord.edits.filter((edit) => edit.messageId === message.id).length;

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

    const user = (n: number) => String(710_000_000_000_000_000n + BigInt(n));
    const said = {
      save: '🔖 Saved to this channel',
      relevant: '👍 Marked relevant',
      notRelevant: '👎 Noted',
    };
    const callsFor = (token: string, method: string, path: string) =>
      discord.calls.filter((call) => call.method === method && call.path === path.replace('{token}', token));

    it('counts every click once, with half of them on each replica and double clicks on both', async () => {
      const [one, two, three] = papers as [Paper, Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, index) => {
          const [own, other] = index % 2 === 0 ? [a, b] : [b, a];
          const clicker = user(index);
          return [
            // A double click of 🔖: two interactions, one to each replica.
            click(a, clicker, 'save', one),
            click(b, clicker, 'save', one),
            click(own, clicker, 'relevant', one),
            // A double click of 👍 on one replica.
            ...(index % 3 === 0
              ? [click(own, clicker, 'relevant', two), click(own, clicker, 'relevant', two)]
              : []),
            ...(index % 3 === 1 ? [click(own, clicker, 'notRelevant', two)] : []),
            ...(index % 4 === 2 ? [click(other, clicker, 'save', three)] : []),
          ];
        }).flat(),
      );
      expect(answers).toHaveLength(16 * 3 + 6 * 2 + 5 + 4);

      expect(await countsOf(one)).toEqual({ relevant: 16, saved: 16 });
      expect(await countsOf(two)).toEqual({ relevant: 6, saved: 0 });
      expect(await countsOf(three)).toEqual({ relevant: 0, saved: 4 });
      const signals = await a.bot.feedback?.signals(ref);
      expect(signals?.find((signal) => signal.paperId === two.id)).toMatchObject({ notRelevant: 5 });

      // Every clicker was told once, privately: in the response, or in the one edit of a deferred response.
      for (const answer of answers) {
        expect([4, 5], answer.token).toContain(answer.initial.type);
        expect(answer.initial.data?.flags, answer.token).toBe(EPHEMERAL);
        const edits = callsFor(
          answer.token,
          'PATCH',
          `/webhooks/${APPLICATION_ID}/{token}/messages/@original`,
        );
        expect(edits, answer.token).toHaveLength(answer.initial.type === 5 ? 1 : 0);
        expect(callsFor(answer.token, 'POST', `/webhooks/${APPLICATION_ID}/{token}`), answer.token).toEqual(
          [],
        );
      }
      // What a single click did (a double click's answers are the last test's).
      const single = answers.filter(
        (answer) => answer.kind === 'notRelevant' || (answer.kind === 'relevant' && answer.paper === one),
      );
      expect(single).toHaveLength(21);
      for (const answer of single) expect(embedText(answer.seen.data)).toContain(said[answer.kind]);
      // Clicks never edit the digest; nothing went wrong on either replica.
      expect(discord.edits).toEqual([]);
      const lines = replicas.flatMap((replica) => replica.log.lines);
      expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
    });

    it('draws each message once with the right counts, though both replicas’ redrawers keep looking', async () => {
      await redrawOnBoth();
      expect([main, ...details].map(editsOf)).toEqual([1, 1]);
      expect(shown(main)).toBe('🔖 16 · 👍 16 | 👍 6 | 🔖 4');
      expect(shown(details[0] as FakeMessage)).toBe('🔖 16 · 👍 16 | 👍 6 | 🔖 4');
      expect(embedText(main.body)).not.toContain('👎');
    });

    it('draws again only once the interval has passed, then with the votes that came in between', async () => {
      const [, two] = papers as [Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      advance(1000);
      await Promise.all([
        click(a, user(100), 'save', two),
        click(b, user(100), 'save', two),
        click(b, user(101), 'save', two),
        click(a, user(102), 'save', two),
      ]);
      await redrawOnBoth();
      expect([main, ...details].map(editsOf)).toEqual([1, 1]);

      advance(REDRAW_INTERVAL_MS - 1000);
      await redrawOnBoth();
      expect([main, ...details].map(editsOf)).toEqual([2, 2]);
      expect(shown(main)).toBe('🔖 16 · 👍 16 | 🔖 3 · 👍 6 | 🔖 4');
      expect(shown(details[0] as FakeMessage)).toBe('🔖 16 · 👍 16 | 🔖 3 · 👍 6 | 🔖 4');
    });

    it('draws a vote whose request read the clock before a draw on the other replica but wrote after it', async () => {
      const [, , three] = papers as [Paper, Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      advance(REDRAW_INTERVAL_MS);
      // A click reaches replica A, which reads the time, then waits (a slow connection, a busy pool).
      a.hold = gate();
      const slow = click(a, user(200), 'save', three);
      await expect.poll(() => a.held, { timeout: 15_000 }).toBe(1);
      // Meanwhile another click on replica B is recorded, and B draws the counts a millisecond later.
      advance(1);
      await click(b, user(201), 'save', three);
      await redrawOnBoth(3);
      expect(shown(main)).toMatch(/ \| 🔖 5$/);
      // Now A writes the first click.
      a.hold.open();
      await slow;
      a.hold = null;
      expect(await countsOf(three)).toEqual({ relevant: 0, saved: 6 });

      advance(REDRAW_INTERVAL_MS);
      await redrawOnBoth();
      expect(shown(main)).toMatch(/ \| 🔖 6$/);
    });

    it('tells both halves of a double click that the vote counts, when they reach Postgres at the same moment', async () => {
      const [, , three] = papers as [Paper, Paper, Paper];
      const [a, b] = replicas as [Replica, Replica];
      const clicker = user(300);
      // They liked the paper and took it back earlier: their row is there, at 0.
      for (const _ of [1, 2]) {
        advance(3000);
        await click(a, clicker, 'relevant', three);
      }
      advance(3000);
      // The double click's two interactions, one on each replica, both wait for the row, then are let through.
      const held = await holdRows(
        database.url ?? '',
        'select 1 from paper_feedback where user_id = $1 for update',
        [clicker],
      );
      const both = Promise.all([click(a, clicker, 'relevant', three), click(b, clicker, 'relevant', three)]);
      await expect.poll(() => held.waiting(), { timeout: 15_000 }).toBe(2);
      await held.release();
      const answers = await both;
      expect((await countsOf(three))?.relevant).toBe(1);
      expect(answers.map((answer) => embedText(answer.seen.data))).toEqual([
        expect.stringContaining(said.relevant),
        expect.stringContaining(said.relevant),
      ]);
    });
  },
);
