import { createSlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/slack-adapter.js';
import { type Config, parseConfig } from '../../../src/config.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { type Logger, silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { type ResponseUrlReceiver, startResponseUrlReceiver } from '../../helpers/fake-slack-receivers.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { openTestDatabase } from '../../helpers/test-database.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const NOW = new Date('2026-06-13T12:00:00Z');

/** A migrated PGlite database holding the fixture corpus, and the bot's dependencies on it. */
export async function openBotDatabase(): Promise<{ handle: DatabaseHandle; bot: BotDependencies }> {
  const handle = await openTestDatabase('pglite');
  const papers = createPaperStore(handle.db);
  await papers.upsertPapers(fixtureCorpus());
  const bot: BotDependencies = {
    ...createStoreBotDependencies(handle.db, silentLogger),
    fetchPaper: async () => null,
  };
  return { handle, bot };
}

/** The same dependencies, with every store call taking `delayMs()` longer and counted. */
export function instrumentedBot(bot: BotDependencies, delayMs: () => number) {
  let calls = 0;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          calls += 1;
          const ms = delayMs();
          if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
          return (value as (...inner: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  const instrumented: BotDependencies = {
    ...bot,
    channels: wrap(bot.channels),
    subscriptions: wrap(bot.subscriptions),
    digestPapers: wrap(bot.digestPapers),
    catalog: wrap(bot.catalog),
    search: wrap(bot.search),
  };
  return { bot: instrumented, calls: () => calls };
}

export function slackConfig(fake: FakeSlack, env: Record<string, string> = {}): Config {
  const parsed = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...env,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

/**
 * The Slack adapter on the real shared HTTP server (port 0, 127.0.0.1), talking to a fake Slack Web API and a
 * fake `response_url` receiver.
 */
export async function startSlackOverHttp(options: {
  bot: BotDependencies;
  handle: DatabaseHandle;
  env?: Record<string, string>;
  adapter?: SlackAdapterOptions;
  fake?: FakeSlack;
  /** The adapter's logger (default: silent), to see what a listener logged. */
  logger?: Logger;
  /** The adapter's clock (default: `NOW`). */
  now?: () => Date;
}) {
  const fake = options.fake ?? (await startFakeSlack());
  const responses: ResponseUrlReceiver = await startResponseUrlReceiver();
  const http = createHttpServer(silentLogger);
  const config = slackConfig(fake, options.env);
  const adapter = createSlackAdapter(
    {
      config,
      bot: options.bot,
      http,
      db: options.handle.db,
      logger: options.logger ?? silentLogger,
      now: options.now ?? (() => NOW),
    },
    options.adapter,
  );
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  return {
    fake,
    responses,
    adapter,
    /** What the user sees: the answer in the ack when it came in time, else the first `response_url` post. */
    async firstAnswer(ack: { text: string }, id: string): Promise<string> {
      if (ack.text !== '') return ack.text;
      const [post] = await responses.waitFor(id);
      return JSON.stringify(post?.body ?? {});
    },
    baseUrl: `http://127.0.0.1:${port}`,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      await adapter.stop();
      await http.close();
      await responses.close();
      if (!options.fake) await fake.close();
    },
  };
}
