import type { Logger } from '../core/logger.js';
import type { Database } from '../db/database.js';
import { createInteractionStateStore } from '../store/interaction-state-store.js';

/** Every hour, at a minute the other jobs do not use. Each replica sweeps; deleting what expired is idempotent. */
export const HOUSEKEEPING_CRON = '17 * * * *';

/** Periodic clean-ups: button and menu state past its expiry. Never throws; a failure is logged. */
export function createHousekeeping(options: { db: Database; logger: Logger }) {
  const state = createInteractionStateStore(options.db);
  return {
    async sweep(now: Date): Promise<void> {
      try {
        const deleted = await state.deleteExpired(now);
        if (deleted > 0) options.logger.info('swept expired button state', { deleted });
      } catch (error) {
        options.logger.warn('could not sweep expired button state; the next hour tries again', { error });
      }
    },
  };
}
