import { createDeliverOne, type DeliverOneOptions } from '../../src/scheduler/deliver-one.js';

/**
 * The delivery worker one round at a time, for tests that step a fake clock: `runOnce` leases a batch of due
 * deliveries per platform as the worker's slots do (`batchSize`, default 20) and posts them all with the worker's own
 * `createDeliverOne`; it returns how many it took. The running worker (`createDeliveryWorker`) keeps slots
 * full instead, woken by notifications.
 */
export function deliveryRounds(options: DeliverOneOptions & { batchSize?: number }) {
  const deliverOne = createDeliverOne(options);
  const now = options.now ?? (() => new Date());
  const platforms = [...new Set(options.posters.map((poster) => poster.platform))];
  return {
    async runOnce(): Promise<number> {
      const batches = await Promise.all(
        platforms.map((platform) =>
          options.queue.take({
            owner: options.owner,
            now: now(),
            leaseMs: options.leaseMs,
            limit: options.batchSize ?? 20,
            platform,
          }),
        ),
      );
      const batch = batches.flat();
      await Promise.all(batch.map((delivery) => deliverOne(delivery)));
      return batch.length;
    },
  };
}
