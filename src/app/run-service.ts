import type { ChatAdapter } from '../adapters/chat-adapter.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { HttpServer } from '../http/http-server.js';
import type { Metrics } from '../observability/metrics.js';
import { createReadinessCheck } from '../observability/readiness.js';
import { createSchedulerService } from '../scheduler/scheduler-service.js';
import { within } from '../scheduler/within.js';
import type { Services } from '../services.js';
import { shutdownBudget } from './shutdown-budget.js';

/**
 * Runs paperboy as a service for its chat adapters: their routes on the one HTTP server (PORT), their
 * connections, and the scheduler posting through their posters, until `stopSignal` resolves (SIGTERM/SIGINT).
 * Then it stops accepting requests and claiming; posts in flight finish the platform request they are making and
 * are handed on, requests in flight get until SHUTDOWN_TIMEOUT; then it disconnects and closes the server.
 * Every step is bounded, so it returns within SHUTDOWN_TIMEOUT plus `SHUTDOWN_GRACE_MS` whatever the database
 * and the platforms do.
 */
export async function runService(options: {
  services: Services;
  config: Config;
  logger: Logger;
  http: HttpServer;
  adapters: ChatAdapter[];
  metrics: Metrics;
  stopSignal: Promise<void>;
  onReady?: (port: number) => void;
}): Promise<void> {
  const { services, config, logger, http, adapters } = options;
  const log = logger.child({ component: 'service' });
  const started: ChatAdapter[] = [];
  const scheduler = createSchedulerService({
    services,
    config,
    posters: adapters.map((adapter) => adapter.poster),
    logger,
    onDelivery: options.metrics.onDelivery,
  });
  const ready = createReadinessCheck(services.database, () => started.length === adapters.length);
  http.route(
    '/readyz',
    async (_request, response) => {
      const reason = await ready();
      response
        .writeHead(reason ? 503 : 200, { 'content-type': 'text/plain' })
        .end(reason ? `not ready: ${reason}\n` : 'ready\n');
    },
    'GET',
  );
  http.route(
    '/metrics',
    async (_request, response) => {
      const body = await options.metrics.registry.metrics();
      response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(body);
    },
    'GET',
  );
  let since: number | undefined;
  try {
    const listening = http.listen(config.PORT);
    for (const adapter of adapters) {
      await adapter.start();
      started.push(adapter);
    }
    const { port } = await listening;
    scheduler.start();
    log.info('paperboy is running', { port, adapters: adapters.map((adapter) => adapter.name) });
    options.onReady?.(port);
    await options.stopSignal;
    since = Date.now();
    log.info('shutting down', { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT });
  } finally {
    const budget = shutdownBudget(config.SHUTDOWN_TIMEOUT, since ?? Date.now());
    // Stop accepting first; requests in flight get until SHUTDOWN_TIMEOUT, then their connections are cut.
    const closed = http.close();
    const cut = setTimeout(() => http.server.closeAllConnections(), budget.untilTimeout());
    await scheduler.stop(since);
    const adaptersStopped = Promise.all(
      started.map((adapter) =>
        adapter
          .stop()
          .catch((error: unknown) =>
            log.error('adapter did not stop cleanly', { adapter: adapter.name, error }),
          ),
      ),
    );
    if (!(await within(adaptersStopped, budget.left())))
      log.warn('chat adapters did not disconnect in time; exiting without waiting for them');
    if (!(await within(closed, budget.left()))) http.server.closeAllConnections();
    clearTimeout(cut);
  }
}
