import { type SQL, sql } from 'drizzle-orm';
import type { StoredTldr, TldrJob, Tldrs } from '../core/tldr/tldr-ports.js';
import type { Database } from '../db/database.js';
import { rowsOf } from './rows.js';

const at = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;
/** A text[] parameter that both drivers pass the same way: a JSON array turned into rows. */
const idList = (ids: readonly string[]): SQL =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

/** The job, still under the claim that leased it (the lease's end tells one claim from the next). */
const heldBy = (job: TldrJob): SQL =>
  sql`paper_id = ${job.paperId} and language = ${job.language} and status = 'running' and lease_until = ${at(job.leaseUntil)}`;

interface JobRow {
  paper_id: string;
  language: string;
  attempts: number;
  title: string;
  abstract: string;
}

/** TL;DRs and their job queue in Postgres (`paper_tldrs`, `tldr_jobs`); see `Tldrs`. */
export function createTldrStore(db: Database): Tldrs {
  return {
    async stored(paperIds, language) {
      if (paperIds.length === 0) return new Map();
      const rows = rowsOf<{ paper_id: string; text: string; model: string }>(
        await db.execute(sql`
          select paper_id, text, model from paper_tldrs
          where language = ${language} and paper_id in ${idList(paperIds)}`),
      );
      return new Map<string, StoredTldr>(
        rows.map((row) => [row.paper_id, { text: row.text, model: row.model }]),
      );
    },

    async request(paperIds, language, priority, now) {
      if (paperIds.length === 0) return [];
      await db.execute(sql`
        insert into tldr_jobs (paper_id, language, status, priority, next_attempt_at, created_at)
        select p.id, ${language}, 'queued', ${priority}, ${at(now)}, ${at(now)}
        from papers p
        where p.id in ${idList(paperIds)}
          and not exists (select 1 from paper_tldrs t where t.paper_id = p.id and t.language = ${language})
        on conflict (paper_id, language) do update set
          priority = greatest(tldr_jobs.priority, excluded.priority),
          next_attempt_at = case when excluded.priority > tldr_jobs.priority and tldr_jobs.status = 'queued'
                                 then least(tldr_jobs.next_attempt_at, excluded.next_attempt_at)
                                 else tldr_jobs.next_attempt_at end`);
      const rows = rowsOf<{ paper_id: string }>(
        await db.execute(sql`
          select paper_id from tldr_jobs
          where language = ${language} and status <> 'failed' and paper_id in ${idList(paperIds)}`),
      );
      return rows.map((row) => row.paper_id);
    },

    async claim(now, limit, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const rows = rowsOf<JobRow>(
        await db.execute(sql`
          with due as (
            select paper_id, language from tldr_jobs
            where (status = 'queued' and next_attempt_at <= ${at(now)})
               or (status = 'running' and lease_until <= ${at(now)})
            order by priority desc, next_attempt_at
            limit ${limit}
            for update skip locked
          )
          update tldr_jobs j set status = 'running', lease_until = ${at(leaseUntil)}, attempts = j.attempts + 1
          from due, papers p
          where j.paper_id = due.paper_id and j.language = due.language and p.id = j.paper_id
          returning j.paper_id, j.language, j.attempts, p.title, p.abstract`),
      );
      return rows.map(
        (row): TldrJob => ({
          paperId: row.paper_id,
          language: row.language,
          attempts: row.attempts,
          title: row.title,
          abstract: row.abstract,
          leaseUntil,
        }),
      );
    },

    async complete(job, text, model, now) {
      await db.execute(sql`
        with stored as (
          insert into paper_tldrs (paper_id, language, text, model, created_at)
          values (${job.paperId}, ${job.language}, ${text}, ${model}, ${at(now)})
          on conflict (paper_id, language) do nothing
        )
        delete from tldr_jobs where paper_id = ${job.paperId} and language = ${job.language}`);
    },

    async retry(job, nextAttemptAt, error, options = {}) {
      const attempts = options.countAttempt === false ? sql`greatest(attempts - 1, 0)` : sql`attempts`;
      await db.execute(sql`
        update tldr_jobs set status = 'queued', lease_until = null, next_attempt_at = ${at(nextAttemptAt)},
          last_error = ${error.slice(0, 500)}, attempts = ${attempts}
        where ${heldBy(job)}`);
    },

    async fail(job, error) {
      await db.execute(sql`
        update tldr_jobs set status = 'failed', lease_until = null, last_error = ${error.slice(0, 500)}
        where ${heldBy(job)}`);
    },
  };
}
