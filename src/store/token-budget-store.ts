import { sql } from 'drizzle-orm';
import { utcDay } from '../core/days.js';
import type { TokenBudget } from '../core/tldr/tldr-ports.js';
import type { Database } from '../db/database.js';
import { rowsOf } from './rows.js';

/**
 * The daily token budget in Postgres (`model_usage`, one row per UTC day). A reservation is one conditional
 * upsert, so replicas reserving at once never pass the limit together. A limit of 0 means no limit.
 */
export function createTokenBudgetStore(db: Database): TokenBudget {
  return {
    async reserve(now, tokens, limit) {
      const day = utcDay(now);
      const unlimited = limit <= 0;
      if (!unlimited && tokens > limit) return false;
      const rows = rowsOf<{ tokens: number }>(
        await db.execute(sql`
          insert into model_usage (day, tokens) values (${day}, ${tokens})
          on conflict (day) do update set tokens = model_usage.tokens + excluded.tokens
          where ${unlimited} or model_usage.tokens + excluded.tokens <= ${limit}
          returning tokens`),
      );
      return rows.length > 0;
    },

    async settle(now, reserved, used) {
      const change = used - reserved;
      if (change === 0) return;
      await db.execute(sql`
        insert into model_usage (day, tokens) values (${utcDay(now)}, ${Math.max(change, 0)})
        on conflict (day) do update set tokens = greatest(model_usage.tokens + ${change}, 0)`);
    },

    async used(now) {
      const [row] = rowsOf<{ tokens: string | number }>(
        await db.execute(sql`select tokens from model_usage where day = ${utcDay(now)}`),
      );
      return Number(row?.tokens ?? 0);
    },
  };
}
