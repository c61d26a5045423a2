import { sql } from 'drizzle-orm';
import type { QuestionLimits } from '../core/questions/question-ports.js';
import type { Database } from '../db/database.js';
import { rowsOf } from './rows.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

interface CountRow {
  user_count: number;
  workspace_count: number;
  user_oldest: string | Date | null;
  workspace_oldest: string | Date | null;
}

/**
 * Question limits in Postgres (`paper_questions`): a question is admitted by one statement that inserts it only
 * while the asker's last hour and the workspace's last day are under their limits, serialised per workspace
 * (a transaction-scoped advisory lock), so replicas admitting at once never pass a limit. The event's id is
 * unique, so a platform's retry is seen as the same question. A question that got no answer is released (deleted):
 * it does not count, and asking it again is answered.
 */
export function createQuestionStore(db: Database): QuestionLimits {
  return {
    async admit(question, limits, now) {
      return db.transaction(async (tx) => {
        const workspaceKey = `questions:${question.platform}:${question.workspaceId}`;
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${workspaceKey}))`);
        const [seen] = rowsOf<{ id: number }>(
          await tx.execute(sql`select id from paper_questions where dedupe_key = ${question.dedupeKey}`),
        );
        if (seen) return { kind: 'duplicate' as const };
        const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
        const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
        const [counts] = rowsOf<CountRow>(
          await tx.execute(sql`
            select
              count(*) filter (where user_id = ${question.userId} and asked_at > ${hourAgo}::timestamptz)::int as user_count,
              count(*)::int as workspace_count,
              min(asked_at) filter (where user_id = ${question.userId} and asked_at > ${hourAgo}::timestamptz) as user_oldest,
              min(asked_at) as workspace_oldest
            from paper_questions
            where platform = ${question.platform} and workspace_id = ${question.workspaceId}
              and asked_at > ${dayAgo}::timestamptz`),
        );
        const oldest = (value: string | Date | null) => new Date(value ?? now);
        if ((counts?.workspace_count ?? 0) >= limits.perWorkspaceDay)
          return {
            kind: 'workspaceLimit' as const,
            retryAt: new Date(oldest(counts?.workspace_oldest ?? null).getTime() + DAY_MS),
          };
        if ((counts?.user_count ?? 0) >= limits.perUserHour)
          return {
            kind: 'userLimit' as const,
            retryAt: new Date(oldest(counts?.user_oldest ?? null).getTime() + HOUR_MS),
          };
        await tx.execute(sql`
          insert into paper_questions (platform, workspace_id, user_id, paper_id, dedupe_key, asked_at)
          values (${question.platform}, ${question.workspaceId}, ${question.userId}, ${question.paperId},
                  ${question.dedupeKey}, ${now.toISOString()}::timestamptz)
          on conflict (dedupe_key) do nothing`);
        return { kind: 'admitted' as const };
      });
    },

    async release(dedupeKey) {
      await db.execute(sql`delete from paper_questions where dedupe_key = ${dedupeKey}`);
    },
  };
}
