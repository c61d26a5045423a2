import { sql } from 'drizzle-orm';
import type { Logger } from '../core/logger.js';
import type { PaperFullTexts } from '../core/questions/question-ports.js';
import type { Database } from '../db/database.js';
import type { ArxivHtmlSource } from '../sources/arxiv-html.js';
import { cutToBudget } from '../sources/paper-text-budget.js';
import { rowsOf } from '../store/rows.js';

/** What of a paper's text a prompt gets: about 6,000 tokens, the introduction and first sections of most papers. */
export const FULL_TEXT_BUDGET = 24_000;
/** A paper arXiv had no HTML for is asked again after this long (arXiv renders papers later, too). */
const MISSING_RETRY_MS = 7 * 86_400_000;

/**
 * Full texts from arXiv's HTML, fetched once per paper and kept in `paper_texts` (cut to the budget), so a
 * thread's second question reads no network. A failed fetch is not kept: the answer rests on the abstract and
 * the next question tries again.
 */
export function createPaperFullTexts(options: {
  db: Database;
  html: ArxivHtmlSource;
  logger: Logger;
  budget?: number;
  now?: () => Date;
}): PaperFullTexts {
  const now = options.now ?? (() => new Date());
  const budget = options.budget ?? FULL_TEXT_BUDGET;
  return {
    async get(paperId) {
      try {
        const [cached] = rowsOf<{ url: string | null; text: string | null; fetched_at: string | Date }>(
          await options.db.execute(
            sql`select url, text, fetched_at from paper_texts where paper_id = ${paperId}`,
          ),
        );
        if (cached?.text && cached.url) return { url: cached.url, text: cached.text };
        if (cached && now().getTime() - new Date(cached.fetched_at).getTime() < MISSING_RETRY_MS) return null;
        const fetched = await options.html.fullText(paperId);
        const text = fetched ? cutToBudget(fetched.text, budget) : null;
        await options.db.execute(sql`
          insert into paper_texts (paper_id, url, text, fetched_at)
          select ${paperId}, ${fetched?.url ?? null}, ${text}, ${now().toISOString()}::timestamptz
          where exists (select 1 from papers where id = ${paperId})
          on conflict (paper_id) do update set url = excluded.url, text = excluded.text, fetched_at = excluded.fetched_at`);
        return fetched && text ? { url: fetched.url, text } : null;
      } catch (error) {
        options.logger.warn("could not read a paper's full text; answering from its abstract", {
          paper: paperId,
          error: error instanceof Error ? error.message : String(error),
        });
        return null;
      }
    },
  };
}
