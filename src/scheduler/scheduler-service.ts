import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import type { Poster } from '../core/delivery/poster.js';
import type { Logger } from '../core/logger.js';
import type { Services } from '../services.js';
import { createDeliveryQueue } from '../store/delivery-queue.js';
import { createCountRedrawer } from './count-redrawer.js';
import { createDeliveryWorker, type DeliveryOutcome } from './delivery-worker.js';
import { createDigestScheduler } from './digest-scheduler.js';
import { createHousekeeping, HOUSEKEEPING_CRON } from './housekeeping.js';
import { createPgRunCoordinator } from './pg-run-coordinator.js';
import { createRecapScheduler } from './recap-scheduler.js';
import { runScheduledIngest } from './scheduled-ingest.js';
import { createTldrWorker } from './tldr-worker.js';
import { wakeOnDeliveries } from './wake-on-deliveries.js';
import { within } from './within.js';

/** How long after start the first digest tick runs (then on every minute). */
const CATCH_UP_AFTER_MS = 5_000;

/** This process's name in claims and leases: REPLICA_ID, else host and pid. */
export function replicaName(config: Config): string {
  return config.REPLICA_ID ?? `${hostname()}:${process.pid}`;
}

/**
 * Everything that runs on a clock in one replica: the once-a-minute digest tick (digests, then weekly recaps,
 * so a recap due in the same minute as a digest does not take the digest's papers), the ingest on INGEST_CRON
 * (once per fire across replicas, through the Postgres run coordinator), the hourly housekeeping (expired
 * button state), the redrawing of feedback counts, and the delivery worker, woken by the
 * database's notification when a delivery is queued anywhere and when the database answers again after an outage.
 */
export function createSchedulerService(options: {
  services: Services;
  config: Config;
  posters: Poster[];
  logger: Logger;
  onDelivery?: (event: DeliveryOutcome) => void;
}) {
  const { services, config } = options;
  const owner = replicaName(config);
  const log = options.logger.child({ component: 'scheduler', owner });
  const scheduler = createDigestScheduler({
    db: services.database.db,
    owner,
    graceMs: config.DIGEST_GRACE,
    logger: log,
    ...(services.model ? { tldrMemory: services.model.tldrMemory } : {}),
  });
  const recaps = createRecapScheduler({
    db: services.database.db,
    owner,
    graceMs: config.DIGEST_GRACE,
    logger: log,
  });
  const worker = createDeliveryWorker({
    queue: createDeliveryQueue(services.database.db),
    channels: services.channels,
    posters: options.posters,
    owner,
    leaseMs: config.DELIVERY_LEASE,
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
    concurrency: config.DELIVERY_CONCURRENCY,
    ...(services.bot.postedMessages ? { postedMessages: services.bot.postedMessages } : {}),
    ...(services.bot.feedback ? { feedback: services.bot.feedback } : {}),
    logger: log,
    ...(options.onDelivery ? { onOutcome: options.onDelivery } : {}),
    ...(services.model ? { tldrs: services.model.filler } : {}),
  });
  const tldrWorker = services.model
    ? createTldrWorker({
        ...services.model,
        // A claimed job outlives the model call it waits on, so no other replica takes it meanwhile.
        leaseMs: services.model.timeoutMs * 2 + 10_000,
        logger: log,
      })
    : undefined;
  const housekeeping = createHousekeeping({ db: services.database.db, logger: log });
  const { feedback, postedMessages } = services.bot;
  const redrawer =
    feedback && postedMessages
      ? createCountRedrawer({ feedback, postedMessages, posters: options.posters, logger: log })
      : undefined;
  const tasks: ScheduledTask[] = [];
  let stopped = false;
  let catchUp: NodeJS.Timeout | undefined;
  let wakes: ReturnType<typeof wakeOnDeliveries> | undefined;

  const tick = async () => {
    if (stopped) return;
    try {
      const summary = await scheduler.tick(new Date());
      if (summary.claimed + summary.missed > 0) log.info('digest tick', { ...summary });
    } catch (error) {
      log.error('digest tick failed', { error });
    }
    if (stopped) return;
    try {
      const summary = await recaps.tick(new Date());
      if (summary.claimed + summary.missed > 0) log.info('recap tick', { ...summary });
    } catch (error) {
      log.error('recap tick failed', { error });
    }
  };

  return {
    start(): void {
      tasks.push(cron.schedule('* * * * *', tick, { name: 'paperboy-digest-tick', noOverlap: true }));
      tasks.push(
        cron.schedule(
          config.INGEST_CRON,
          async (context) => {
            if (stopped) return;
            await runScheduledIngest({
              services,
              config,
              logger: log,
              now: () => new Date(),
              runKey: context.date.toISOString(),
            });
            tldrWorker?.wake();
          },
          {
            name: 'paperboy-ingest',
            noOverlap: true,
            distributed: true,
            runCoordinator: createPgRunCoordinator(services.database.db, owner),
          },
        ),
      );
      tasks.push(
        cron.schedule(HOUSEKEEPING_CRON, () => (stopped ? undefined : housekeeping.sweep(new Date())), {
          name: 'paperboy-housekeeping',
          noOverlap: true,
        }),
      );
      worker.start();
      redrawer?.start();
      tldrWorker?.start();
      if (tldrWorker) services.model?.onUrgentTldr(tldrWorker.wake);
      wakes = wakeOnDeliveries(services.database, worker, log);
      // Digests missed while the service was down are caught up a little after start, not during it: after
      // downtime many channels are due at once (and just after an upgrade every scheduled channel is read to
      // store its next-due time), and on the embedded database that would hold up the first commands and
      // /readyz.
      catchUp = setTimeout(() => void tick(), CATCH_UP_AFTER_MS);
    },

    /**
     * Stops claiming and ingesting, and stops the delivery worker (posts in flight finish their platform request
     * and are handed on, within what is left of SHUTDOWN_TIMEOUT since `since`, the signal), then releases its
     * leases: done within SHUTDOWN_TIMEOUT plus the time to release them.
     */
    async stop(since = Date.now()): Promise<void> {
      stopped = true;
      clearTimeout(catchUp);
      for (const task of tasks) {
        void Promise.resolve(task.stop()).then(
          () => task.destroy(),
          () => {},
        );
      }
      const stopListening = wakes?.stop() ?? Promise.resolve();
      await within(redrawer?.stop() ?? Promise.resolve(), 1000);
      await within(tldrWorker?.stop() ?? Promise.resolve(), 1000);
      await worker.stop(Math.max(0, config.SHUTDOWN_TIMEOUT - (Date.now() - since)));
      await within(stopListening, 100);
    },
  };
}
