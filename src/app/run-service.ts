import type { ChatAdapter } from '../adapters/chat-adapter.js';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { HttpServer } from '../http/http-server.js';
import type { Metrics } from '../observability/metrics.js';
import { createReadinessCheck } from '../observability/readiness.js';
import { createSchedulerService } from '../scheduler/scheduler-service.js';
import type { Services } from '../services.js';

/**
 * Runs paperboy as a service for its chat adapters: their routes on the one HTTP server (PORT), their
 * connections, and the scheduler posting through their posters, until `stopSignal` resolves (SIGTERM/SIGINT).
 * Then it stops claiming, lets posts in flight finish (SHUTDOWN_TIMEOUT), disconnects and closes the server.
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
  const ready = createReadinessCheck(services.database.db, () => started.length === adapters.length);
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
    log.info('shutting down');
  } finally {
    // Stop accepting first, then let the scheduler's posts and the adapters' answers in flight finish.
    const closed = http.close();
    await scheduler.stop();
    for (const adapter of started.reverse()) {
      await adapter
        .stop()
        .catch((error: unknown) =>
          log.error('adapter did not stop cleanly', { adapter: adapter.name, error }),
        );
    }
    await closed;
  }
}
