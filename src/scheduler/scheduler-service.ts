import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import type { Poster } from '../core/delivery/poster.js';
import type { Logger } from '../core/logger.js';
import type { Services } from '../services.js';
import { createDeliveryQueue } from '../store/delivery-queue.js';
import { createDeliveryWorker, type DeliveryOutcome } from './delivery-worker.js';
import { createDigestScheduler } from './digest-scheduler.js';
import { createPgRunCoordinator } from './pg-run-coordinator.js';
import { runScheduledIngest } from './scheduled-ingest.js';

/** How long after start the first digest tick runs (then on every minute). */
const CATCH_UP_AFTER_MS = 5_000;

/** This process's name in claims and leases: REPLICA_ID, else host and pid. */
export function replicaName(config: Config): string {
  return config.REPLICA_ID ?? `${hostname()}:${process.pid}`;
}

/**
 * Everything that runs on a clock in one replica: the once-a-minute digest tick, the ingest on INGEST_CRON
 * (once per fire across replicas, through the Postgres run coordinator), and the delivery worker.
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
  });
  const worker = createDeliveryWorker({
    queue: createDeliveryQueue(services.database.db),
    channels: services.channels,
    posters: options.posters,
    owner,
    leaseMs: config.DELIVERY_LEASE,
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
    concurrency: config.DELIVERY_CONCURRENCY,
    logger: log,
    ...(options.onDelivery ? { onOutcome: options.onDelivery } : {}),
  });
  const tasks: ScheduledTask[] = [];
  let stopped = false;
  let catchUp: NodeJS.Timeout | undefined;

  const tick = async () => {
    if (stopped) return;
    try {
      const summary = await scheduler.tick(new Date());
      if (summary.claimed + summary.missed > 0) log.info('digest tick', { ...summary });
    } catch (error) {
      log.error('digest tick failed', { error });
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
          },
          {
            name: 'paperboy-ingest',
            noOverlap: true,
            distributed: true,
            runCoordinator: createPgRunCoordinator(services.database.db, owner),
          },
        ),
      );
      worker.start();
      // Digests missed while the service was down are caught up a little after start, not during it: the
      // tick reads every scheduled channel, and on the embedded database that would hold up the first
      // commands and /readyz.
      catchUp = setTimeout(() => void tick(), CATCH_UP_AFTER_MS);
    },

    /** Stops claiming and ingesting, lets posts in flight finish (bounded by SHUTDOWN_TIMEOUT), releases leases. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(catchUp);
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(tasks.map((task) => task.destroy()));
      await worker.stop(config.SHUTDOWN_TIMEOUT);
    },
  };
}
