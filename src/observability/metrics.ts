import { sql } from 'drizzle-orm';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BotObserver } from '../core/bot/bot-observer.js';
import type { DatabaseHandle } from '../db/database.js';
import type { DeliveryOutcome } from '../scheduler/delivery-worker.js';
import { rowsOf } from '../store/rows.js';

/**
 * Prometheus metrics: prom-client's process and Node.js metrics (`process_*`, `nodejs_*`), then paperboy's own.
 * Commands, delivery attempts and rate-limit waits are counted in this process; deliveries by
 * status, ingest runs, papers and active channels are read from the database at scrape time, so every replica
 * reports the same cluster-wide figures for them. While the database does not answer, those are left out (NaN
 * when they have no labels; a scrape still answers, within a second or two) and `paperboy_database_up` is 0.
 */
export function createMetrics(database: Pick<DatabaseHandle, 'db' | 'health'>) {
  const { db } = database;
  const registry = new Registry();
  // Process CPU and memory, event-loop lag, garbage collection: what says whether a slow ack is this process.
  collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: 'paperboy_commands_total',
    help: 'Commands answered, by platform and outcome (ok, user_error, refused, failed).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const commandSeconds = new Histogram({
    name: 'paperboy_command_duration_seconds',
    help: 'Time to answer a command in the core handler.',
    labelNames: ['platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const attempts = new Counter({
    name: 'paperboy_delivery_attempts_total',
    help: 'Delivery attempts by platform and outcome (sent, retry, rate_limited, dead, deactivated).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const deliverySeconds = new Histogram({
    name: 'paperboy_delivery_latency_seconds',
    help: 'From queuing a digest or alert to its last post.',
    labelNames: ['platform'],
    buckets: [0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  const rateLimitSeconds = new Counter({
    name: 'paperboy_rate_limit_wait_seconds_total',
    help: 'Seconds platforms asked us to wait (Retry-After).',
    labelNames: ['platform'],
    registers: [registry],
  });

  new Gauge({
    name: 'paperboy_database_up',
    help: 'Whether the database answers (0 while it is unreachable or out of disk space).',
    registers: [registry],
    collect() {
      this.set(database.health.problem() ? 0 : 1);
    },
  });

  const fromDatabase = (name: string, help: string, labelNames: string[], query: ReturnType<typeof sql>) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        let rows: Record<string, string | number>[];
        try {
          rows = rowsOf(await withinScrape(db.execute(query)));
        } catch {
          // Unknown, not zero: a figure without labels is always shown, so it says NaN.
          if (labelNames.length === 0) this.set(Number.NaN);
          return;
        }
        for (const row of rows) {
          const labels = Object.fromEntries(labelNames.map((label) => [label, String(row[label])]));
          this.set(labels, Number(row.value));
        }
      },
    });
  fromDatabase(
    'paperboy_deliveries',
    'Deliveries by status (cluster-wide).',
    ['status'],
    sql`select status, count(*) as value from deliveries group by status`,
  );
  fromDatabase(
    'paperboy_ingest_runs',
    'Ingest runs by source and status (cluster-wide).',
    ['source', 'status'],
    sql`select source, status, count(*) as value from ingest_runs group by source, status`,
  );
  fromDatabase('paperboy_papers', 'Papers stored.', [], sql`select count(*) as value from papers`);
  fromDatabase(
    'paperboy_channels_active',
    'Active channels by platform.',
    ['platform'],
    sql`select platform, count(*) as value from channels where active group by platform`,
  );

  const observer: BotObserver = {
    commandAnswered({ platform, outcome, durationMs }) {
      commands.inc({ platform, outcome });
      commandSeconds.observe({ platform }, durationMs / 1000);
    },
  };
  const onDelivery = ({ platform, outcome, latencyMs, waitMs }: DeliveryOutcome) => {
    attempts.inc({ platform, outcome });
    if (latencyMs !== undefined) deliverySeconds.observe({ platform }, latencyMs / 1000);
    if (waitMs !== undefined) rateLimitSeconds.inc({ platform }, waitMs / 1000);
  };
  return { registry, observer, onDelivery };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** How long a scrape waits for each figure read from the database. */
const SCRAPE_QUERY_TIMEOUT_MS = 1_500;

async function withinScrape<T>(query: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error('the database did not answer in time')),
      SCRAPE_QUERY_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}
