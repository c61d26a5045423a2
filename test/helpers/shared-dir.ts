import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Recorded third-party data (real Hugging Face and arXiv responses, real Slack and Discord request bodies, the
 * arXiv corpus) lives beside the repository in `../shared/`, never inside it: it is shared with us for testing,
 * not for redistribution. `PAPERBOY_SHARED_DIR` points elsewhere. Undefined when the folder is absent.
 */
export const sharedDir: string | undefined = (() => {
  const dir = process.env.PAPERBOY_SHARED_DIR || fileURLToPath(new URL('../../../shared', import.meta.url));
  return existsSync(dir) ? resolve(dir) : undefined;
})();

export const SHARED_ABSENT = '../shared with the recorded data is absent';

/** The path of a file under `../shared/`, e.g. `payloads/slack/slash_command.form.txt`. */
export function sharedPath(relative: string): string {
  if (!sharedDir) throw new Error(`${relative}: ${SHARED_ABSENT}`);
  return join(sharedDir, relative);
}

/** A file under `../shared/`, as text. */
export const readShared = (relative: string): string => readFileSync(sharedPath(relative), 'utf8');

/** A recorded upstream response from `../shared/fixtures/upstream/`, as text. */
export const readRecordedUpstream = (name: string): string => readShared(`fixtures/upstream/${name}`);

/** The recorded upstream responses, by what they are. */
export const RECORDED = {
  hfDay30: 'hf_daily_papers_limit30_2026-06-12.json',
  hfMixed25: 'hf_daily_papers_limit25_2026-07-13.json',
  arxivTransformer5: 'arxiv_api_query_transformer_cs.LG_5.atom.xml',
  arxivAiLg50: 'arxiv_api_query_cs.AI_or_cs.LG_50.atom.xml',
  arxivLegacy2: 'arxiv_api_query_legacy_format_cs.RO_2.atom.xml',
  arxivRssWeekend: 'arxiv_rss_cs.CL_weekend_empty.rss.xml',
} as const;
