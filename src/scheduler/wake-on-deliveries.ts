import type { Logger } from '../core/logger.js';
import type { DatabaseHandle } from '../db/database.js';
import { DELIVERIES_CHANNEL } from '../store/delivery-queue.js';
import type { DeliveryWorker } from './delivery-worker.js';

/**
 * Wakes the delivery worker when a delivery is queued on any replica (the queue's NOTIFY on
 * DELIVERIES_CHANNEL names its platform), when listening (re)starts after a lost connection, and when the
 * database answers again after an outage. Without notifications the worker still finds work by its slow poll,
 * so failing to listen is worth a warning only.
 */
export function wakeOnDeliveries(
  database: Pick<DatabaseHandle, 'listen' | 'health'>,
  worker: Pick<DeliveryWorker, 'wake'>,
  log: Logger,
): { stop(): Promise<void> } {
  const listening = database
    .listen(DELIVERIES_CHANNEL, {
      onNotify: (platform) => worker.wake(platform || undefined),
      onListening: () => worker.wake(),
    })
    .catch((error: unknown) => {
      log.warn('cannot listen for new deliveries; the delivery worker polls instead', { error });
      return null;
    });
  const stopWatching = database.health.onRecovered(() => worker.wake());
  return {
    async stop() {
      stopWatching();
      const unlisten = await listening;
      await unlisten?.().catch(() => {});
    },
  };
}
