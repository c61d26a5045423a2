import { sql } from 'drizzle-orm';
import type { LanguageModel } from '../../src/core/language-model.js';
import { silentLogger } from '../../src/core/logger.js';
import type { PaperInput } from '../../src/core/paper.js';
import { createModelHealth } from '../../src/core/tldr/model-health.js';
import type { Database } from '../../src/db/database.js';
import { createOpenAiCompatibleModel } from '../../src/llm/openai-compatible-model.js';
import { createTldrWorker, type TldrWorkerOptions } from '../../src/scheduler/tldr-worker.js';
import { rowsOf } from '../../src/store/rows.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { createTokenBudgetStore } from '../../src/store/token-budget-store.js';
import type { FakeLlm } from '../helpers/fake-llm.js';

/** A clock the test moves by hand. */
export function manualClock(start: Date) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    set(at: Date) {
      current = at;
    },
  };
}

/** An invented paper with an invented abstract of three sentences. */
export const inventedPaper = (id: string, title: string, extra: Partial<PaperInput> = {}): PaperInput => ({
  id,
  title,
  abstract: `Existing methods for ${title.toLowerCase()} are slow. We propose ${title}, which trains twice as fast on invented benchmarks. Experiments show a gain of 4 points.`,
  authors: ['Ada Quill', 'Bo Lindqvist'],
  publishedAt: new Date('2026-06-12T08:00:00Z'),
  categories: ['cs.LG'],
  primaryCategory: 'cs.LG',
  source: 'arxiv',
  ...extra,
});

/** The client as paperboy builds it, pointed at the fake. */
export const fakeModel = (llm: FakeLlm, options: { stream?: boolean; timeoutMs?: number } = {}) =>
  createOpenAiCompatibleModel({
    baseUrl: llm.url,
    model: 'fake-model',
    timeoutMs: options.timeoutMs ?? 5_000,
    stream: options.stream ?? false,
  });

/** A TL;DR worker on the real stores and model client, with a pinned clock and jitter (0.5). */
export function tldrWorkerOn(db: Database, model: LanguageModel, overrides: Partial<TldrWorkerOptions> = {}) {
  const health = overrides.health ?? createModelHealth();
  const worker = createTldrWorker({
    tldrs: createTldrStore(db),
    budget: createTokenBudgetStore(db),
    model,
    health,
    dailyTokens: 0,
    concurrency: 2,
    leaseMs: 60_000,
    logger: silentLogger,
    baseDelayMs: 1_000,
    maxDelayMs: 60_000,
    random: () => 0.5,
    ...overrides,
  });
  return { worker, health };
}

export interface JobRow {
  paper_id: string;
  language: string;
  status: string;
  priority: number;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
}

export async function jobRows(db: Database): Promise<JobRow[]> {
  const rows = rowsOf<JobRow & { next_attempt_at: string | Date }>(
    await db.execute(sql`
      select paper_id, language, status, priority, attempts, next_attempt_at, last_error
      from tldr_jobs order by language, paper_id`),
  );
  return rows.map((row) => ({ ...row, next_attempt_at: new Date(row.next_attempt_at) }));
}

export async function jobRow(db: Database, paperId: string, language: string): Promise<JobRow | undefined> {
  return (await jobRows(db)).find((row) => row.paper_id === paperId && row.language === language);
}

export async function tldrRows(db: Database) {
  return rowsOf<{ paper_id: string; language: string; text: string; model: string }>(
    await db.execute(
      sql`select paper_id, language, text, model from paper_tldrs order by language, paper_id`,
    ),
  );
}

export async function usedTokens(db: Database): Promise<{ day: string; tokens: number }[]> {
  const rows = rowsOf<{ day: string | Date; tokens: string | number }>(
    await db.execute(sql`select day::text as day, tokens from model_usage order by day`),
  );
  return rows.map((row) => ({ day: String(row.day), tokens: Number(row.tokens) }));
}
