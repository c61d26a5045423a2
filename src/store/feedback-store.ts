import { type SQL, sql } from 'drizzle-orm';
import type { FeedbackCounts } from '../core/cards/card.js';
import type { FeedbackKind, FeedbackResult, FeedbackState } from '../core/feedback/feedback.js';
import type { FeedbackStore, FeedbackVote } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { channelIdOf } from './channel-store.js';
import { createPaperStore } from './paper-store.js';
import { rowsOf } from './rows.js';

/** A second click of the same kind within this time is the same click (a double click, or a delivered twice). */
export const REPEAT_WINDOW_MS = 2_000;

interface StateRow {
  relevance: number;
  saved: boolean;
  changed: boolean;
}

const toResult = (row: StateRow | undefined): FeedbackResult => ({
  state: {
    relevance: Math.sign(row?.relevance ?? 0) as FeedbackState['relevance'],
    saved: row?.saved ?? false,
  },
  changed: row?.changed ?? false,
});

const at = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/** Feedback in Postgres (`paper_feedback`); every write is one statement, safe under concurrent clicks. */
export function createFeedbackStore(db: Database): FeedbackStore {
  const papers = createPaperStore(db);

  const key = (vote: FeedbackVote) => sql`${channelIdOf(vote.channel)}, ${vote.paperId}, ${vote.userId}`;

  /**
   * Runs a click's upsert, which returns `relevance, saved` when it wrote and nothing when the click repeats one
   * just made. The state after a repeat is read by a statement of its own: one in the same statement would see
   * the row as it was when the statement began, before the click it raced with (on another replica) committed.
   */
  const click = async (statement: SQL, vote: FeedbackVote): Promise<FeedbackResult> => {
    const [written] = rowsOf<Omit<StateRow, 'changed'>>(await db.execute(statement));
    if (written) return toResult({ ...written, changed: true });
    const [current] = rowsOf<Omit<StateRow, 'changed'>>(
      await db.execute(sql`
        select relevance, saved_at is not null as saved from paper_feedback
        where (channel_id, paper_id, user_id) = (${key(vote)})`),
    );
    return toResult(current ? { ...current, changed: false } : undefined);
  };

  /** Runs a reaction's upsert, which returns `relevance, saved, changed`. */
  const write = async (statement: SQL): Promise<FeedbackResult> => {
    const [row] = rowsOf<StateRow>(await db.execute(statement));
    return toResult(row);
  };

  return {
    async click(vote, now) {
      const since = at(new Date(now.getTime() - REPEAT_WINDOW_MS));
      if (vote.kind === 'save') {
        return click(
          sql`
            insert into paper_feedback (channel_id, paper_id, user_id, saved_at, save_changed_at, updated_at)
            values (${key(vote)}, ${at(now)}, ${at(now)}, ${at(now)})
            on conflict (channel_id, paper_id, user_id) do update set
              saved_at = case when paper_feedback.saved_at is null then ${at(now)} else null end,
              save_changed_at = ${at(now)},
              updated_at = ${at(now)}
            where paper_feedback.save_changed_at is null or paper_feedback.save_changed_at <= ${since}
            returning relevance, saved_at is not null as saved`,
          vote,
        );
      }
      const value = vote.kind === 'relevant' ? 1 : -1;
      return click(
        sql`
          insert into paper_feedback
            (channel_id, paper_id, user_id, relevance, relevance_click, relevance_changed_at, updated_at)
          values (${key(vote)}, ${value}, ${value}, ${at(now)}, ${at(now)})
          on conflict (channel_id, paper_id, user_id) do update set
            relevance = case when paper_feedback.relevance = ${value} then 0 else ${value} end,
            relevance_click = ${value},
            relevance_changed_at = ${at(now)},
            updated_at = ${at(now)}
          where not (
            paper_feedback.relevance_click is not distinct from ${value}
            and paper_feedback.relevance_changed_at > ${since}
          )
          returning relevance, saved_at is not null as saved`,
        vote,
      );
    },

    async react(vote, now) {
      const set = reactionSet(vote.kind, vote.on, now);
      const initial = vote.on ? reactionInitial(vote.kind, now) : { relevance: sql`0`, savedAt: sql`null` };
      return write(sql`
        with before as (
          select relevance, saved_at is not null as saved from paper_feedback
          where (channel_id, paper_id, user_id) = (${key(vote)})
        ), written as (
          insert into paper_feedback (channel_id, paper_id, user_id, relevance, saved_at, updated_at)
          values (${key(vote)}, ${initial.relevance}, ${initial.savedAt}, ${at(now)})
          on conflict (channel_id, paper_id, user_id) do update set ${set}, updated_at = ${at(now)}
          returning relevance, saved_at is not null as saved
        )
        select w.relevance, w.saved,
          coalesce((select b.relevance <> w.relevance or b.saved <> w.saved from before b), w.relevance <> 0 or w.saved)
            as changed
        from written w`);
    },

    async counts(channel, paperIds) {
      const counts = new Map<string, FeedbackCounts>(paperIds.map((id) => [id, { relevant: 0, saved: 0 }]));
      if (paperIds.length === 0) return counts;
      const rows = rowsOf<{ paper_id: string; relevant: number | string; saved: number | string }>(
        await db.execute(sql`
          select paper_id, count(*) filter (where relevance = 1) as relevant,
                 count(*) filter (where saved_at is not null) as saved
          from paper_feedback
          where channel_id = ${channelIdOf(channel)} and paper_id in ${sql`(${sql.join(
            paperIds.map((id) => sql`${id}`),
            sql`, `,
          )})`}
          group by paper_id`),
      );
      for (const row of rows) {
        counts.set(row.paper_id, { relevant: Number(row.relevant), saved: Number(row.saved) });
      }
      return counts;
    },

    async saved(channel, query) {
      const since = query.since ? sql`and saved_at >= ${at(query.since)}` : sql``;
      const by = query.by
        ? sql`and paper_id in (select paper_id from paper_feedback
            where channel_id = ${channelIdOf(channel)} and user_id = ${query.by} and saved_at is not null ${since})`
        : sql``;
      const rows = rowsOf<{
        paper_id: string;
        saved_by: string[];
        saved_at: string | Date;
        total: number | string;
      }>(
        await db.execute(sql`
          select paper_id, array_agg(user_id order by saved_at desc) as saved_by, max(saved_at) as saved_at,
                 count(*) over () as total
          from paper_feedback
          where channel_id = ${channelIdOf(channel)} and saved_at is not null ${since} ${by}
          group by paper_id
          order by max(saved_at) desc, paper_id
          limit ${query.limit} offset ${query.offset}`),
      );
      const stored = await papers.getPapers(rows.map((row) => row.paper_id));
      const byId = new Map(stored.map((paper) => [paper.id, paper]));
      return {
        total: Number(rows[0]?.total ?? (query.offset > 0 ? await countSaved() : 0)),
        entries: rows.flatMap((row) => {
          const paper = byId.get(row.paper_id);
          return paper ? [{ paper, savedBy: row.saved_by, savedAt: new Date(row.saved_at) }] : [];
        }),
      };

      async function countSaved(): Promise<number> {
        const [row] = rowsOf<{ n: number | string }>(
          await db.execute(sql`
            select count(distinct paper_id) as n from paper_feedback
            where channel_id = ${channelIdOf(channel)} and saved_at is not null ${since} ${by}`),
        );
        return Number(row?.n ?? 0);
      }
    },

    async unsave(channel, paperId, now) {
      const rows = rowsOf<{ user_id: string }>(
        await db.execute(sql`
          update paper_feedback set saved_at = null, save_changed_at = ${at(now)}, updated_at = ${at(now)}
          where channel_id = ${channelIdOf(channel)} and paper_id = ${paperId} and saved_at is not null
          returning user_id`),
      );
      return rows.map((row) => row.user_id);
    },

    async signals(channel) {
      const rows = rowsOf<{
        paper_id: string;
        relevant: number | string;
        not_relevant: number | string;
        saved: number | string;
        at: string | Date;
      }>(
        await db.execute(sql`
          select paper_id, count(*) filter (where relevance = 1) as relevant,
                 count(*) filter (where relevance = -1) as not_relevant,
                 count(*) filter (where saved_at is not null) as saved, max(updated_at) as at
          from paper_feedback
          where channel_id = ${channelIdOf(channel)} and (relevance <> 0 or saved_at is not null)
          group by paper_id`),
      );
      return rows.map((row) => ({
        paperId: row.paper_id,
        relevant: Number(row.relevant),
        notRelevant: Number(row.not_relevant),
        saved: Number(row.saved),
        at: new Date(row.at),
      }));
    },
  };
}

/**
 * What a reaction sets: on, the kind's value; off, it clears the kind only if it is what is set. It leaves no
 * mark of a click (`save_changed_at`, `relevance_click`), so a click just after a reaction is never taken for a
 * repeat of it.
 */
function reactionSet(kind: FeedbackKind, on: boolean, now: Date): SQL {
  if (kind === 'save')
    return on ? sql`saved_at = coalesce(paper_feedback.saved_at, ${at(now)})` : sql`saved_at = null`;
  const value = kind === 'relevant' ? 1 : -1;
  return on
    ? sql`relevance = ${value}, relevance_click = null, relevance_changed_at = ${at(now)}`
    : sql`relevance = case when paper_feedback.relevance = ${value} then 0 else paper_feedback.relevance end,
          relevance_click = null, relevance_changed_at = ${at(now)}`;
}

function reactionInitial(kind: FeedbackKind, now: Date): { relevance: SQL; savedAt: SQL } {
  if (kind === 'save') return { relevance: sql`0`, savedAt: at(now) };
  return { relevance: sql`${kind === 'relevant' ? 1 : -1}`, savedAt: sql`null` };
}
