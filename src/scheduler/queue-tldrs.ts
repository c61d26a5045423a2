import { sql } from 'drizzle-orm';
import { utcDay } from '../core/days.js';
import type { Database } from '../db/database.js';
import { rowsOf } from '../store/rows.js';

/** Papers an ingest stores are recent: these bounds let the query use the date indexes. */
const DAILY_DAYS_BACK = 2;
const PUBLISHED_DAYS_BACK = 7;
/** A Daily Papers paper is more likely in a digest than an arXiv listing: it goes first. */
const DAILY_BONUS = 1_000_000;

/**
 * Queues a TL;DR for every paper first stored since `since` that a digest or alert may show, in every language
 * an active channel reads: papers of the Daily Papers when a channel follows Hugging Face, and papers of the
 * arXiv categories channels follow. English channels need none for papers with Hugging Face's AI summary.
 * Daily Papers go first, by upvotes. Returns how many jobs were queued.
 */
export async function queueTldrsAfterIngest(db: Database, since: Date, now: Date): Promise<number> {
  const dailyFrom = utcDay(new Date(since.getTime() - DAILY_DAYS_BACK * 86_400_000));
  const publishedFrom = new Date(since.getTime() - PUBLISHED_DAYS_BACK * 86_400_000).toISOString();
  const rows = rowsOf<{ queued: number }>(
    await db.execute(sql`
      with readers as (
        select coalesce(settings ->> 'language', 'en') as language,
               bool_or(settings -> 'sources' ? 'hf') as follows_hf,
               array_agg(distinct source.value) filter (where source.value <> 'hf') as categories
        from channels, jsonb_array_elements_text(settings -> 'sources') as source(value)
        where active
        group by 1
      ),
      fresh as (
        select p.id, p.daily_date, p.categories, p.upvotes, coalesce(p.ai_summary, '') <> '' as has_hf_summary
        from papers p
        where p.first_seen_at >= ${since.toISOString()}::timestamptz
          and (p.daily_date >= ${dailyFrom}::date or p.published_at >= ${publishedFrom}::timestamptz)
      ),
      queued as (
        insert into tldr_jobs (paper_id, language, status, priority, next_attempt_at, created_at)
        select f.id, r.language, 'queued',
               least(coalesce(f.upvotes, 0), ${DAILY_BONUS - 1}) + case when f.daily_date is not null then ${DAILY_BONUS} else 0 end,
               ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from fresh f join readers r
          on (r.follows_hf and f.daily_date is not null) or f.categories && coalesce(r.categories, '{}')
        where not (f.has_hf_summary and (r.language = 'en' or r.language like 'en-%'))
          and not exists (select 1 from paper_tldrs t where t.paper_id = f.id and t.language = r.language)
        on conflict (paper_id, language) do nothing
        returning 1
      )
      select count(*)::int as queued from queued`),
  );
  return rows[0]?.queued ?? 0;
}
