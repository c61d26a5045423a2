import type { ChatAdapter } from '../../adapters/chat-adapter.js';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { createConsolePoster } from '../../adapters/console/console-poster.js';
import { configuredPlatforms, loadChatAdapters } from '../../app/chat-adapters.js';
import { runService } from '../../app/run-service.js';
import { shutdownBudget } from '../../app/shutdown-budget.js';
import { type ChannelRef, CONSOLE_CHANNEL } from '../../core/channel.js';
import { createHttpServer } from '../../http/http-server.js';
import { fillEmptyStore } from '../../ingest/fill-empty-store.js';
import { createMetrics } from '../../observability/metrics.js';
import { createSchedulerService } from '../../scheduler/scheduler-service.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';

/**
 * `paperboy` with no command: the bot in the terminal, as channel `console:local`, on the embedded database
 * unless DATABASE_URL is set. The scheduler runs alongside: ingestion on INGEST_CRON, and the channel's digest
 * appears in the terminal at its time.
 */
export const startCommand: CliCommand = async (context) => {
  parseFlags(context.args, {});
  const platforms = configuredPlatforms(context.config);
  if (!platforms.ok) {
    context.writeError(
      `paperboy cannot start:\n${platforms.error.map((line) => `  - ${line}`).join('\n')}\n`,
    );
    return 2;
  }
  if (platforms.value.slack || platforms.value.discord) return runChatService(context, platforms.value);
  // SIGINT/SIGTERM end the session cleanly at any point: the scheduler stops claiming, posts in flight finish
  // (within SHUTDOWN_TIMEOUT), leases are released and the database is closed before exiting 0.
  let stop = () => {};
  let signalledAt: number | undefined;
  let signalled = () => {};
  const stopping = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  const onSignal = () => {
    signalledAt ??= Date.now();
    signalled();
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const services = await context.openServices();
  let scheduler: ReturnType<typeof createSchedulerService> | undefined;
  try {
    await services.channels.ensure(CONSOLE_CHANNEL);
    // A first start may wait on the sources for a while; a signal meanwhile does not wait for them.
    const filled = fillEmptyStore({
      services,
      config: context.config,
      logger: context.logger,
      out: context.out,
      now: context.now(),
    });
    filled.catch(() => {});
    await Promise.race([filled, stopping]);
    if (signalledAt !== undefined) return 0;

    const console = createConsoleAdapter({
      dependencies: services.bot,
      input: context.input,
      write: (text) => context.write(text),
      interactive: context.interactive,
      now: context.now,
    });
    stop = () => console.close();
    scheduler = createSchedulerService({
      services,
      config: context.config,
      posters: [createConsolePoster((card) => console.post(card))],
      logger: context.logger,
    });
    scheduler.start();

    const stored = await services.papers.countPapers();
    const database = services.database.driver === 'pglite' ? 'embedded database' : 'Postgres';
    context.out(
      `paperboy is running in this terminal as channel console:local (${database}, ${stored} papers).`,
    );
    context.out(
      'Type what you would type after /papers in Slack: "help", "lora", "subscribe lora"; "quit" to leave.',
    );
    await console.run();
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const since = signalledAt ?? Date.now();
    await scheduler?.stop(since);
    await services.close(shutdownBudget(context.config.SHUTDOWN_TIMEOUT, since).left());
  }
};

/** With Slack or Discord credentials: the HTTP server, the adapters and the scheduler, until SIGTERM/SIGINT. */
async function runChatService(
  context: Parameters<CliCommand>[0],
  platforms: { slack: boolean; discord: boolean },
): Promise<number> {
  let signalledAt: number | undefined;
  let resolveStop = () => {};
  const stopSignal = new Promise<void>((resolve) => {
    resolveStop = () => {
      signalledAt ??= Date.now();
      resolve();
    };
  });
  process.once('SIGINT', resolveStop);
  process.once('SIGTERM', resolveStop);
  // The platforms' code loads while the database opens. Awaited below; if opening fails first, that error is
  // the one reported, so this one must not surface as an unhandled rejection meanwhile.
  const loading = loadChatAdapters(platforms);
  loading.catch(() => {});
  const services = await context.openServices();
  try {
    const http = createHttpServer(context.logger);
    const metrics = createMetrics(services.database);
    let adapters: ChatAdapter[] = [];
    const messageLink = async (channel: ChannelRef, messageId: string) =>
      (await adapters
        .find((adapter) => adapter.name === channel.platform)
        ?.poster.messageLink?.(channel, messageId)) ?? null;
    const adapterContext = {
      config: context.config,
      bot: { ...services.bot, observer: metrics.observer, messageLink },
      http,
      db: services.database.db,
      logger: context.logger,
      now: () => new Date(),
    };
    adapters = (await loading).map((create) => create(adapterContext));
    await runService({
      services,
      config: context.config,
      logger: context.logger,
      http,
      adapters,
      metrics,
      stopSignal,
      onReady: (port) =>
        context.out(
          `paperboy is running for ${adapters.map((adapter) => adapter.name).join(' and ')} on port ${port}.`,
        ),
    });
    return 0;
  } finally {
    process.off('SIGINT', resolveStop);
    process.off('SIGTERM', resolveStop);
    await services.close(shutdownBudget(context.config.SHUTDOWN_TIMEOUT, signalledAt ?? Date.now()).left());
  }
}
