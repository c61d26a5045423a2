import type { DatabaseHandle } from '../src/db/database.js';
import { startFakeLlm } from '../test/helpers/fake-llm.js';
import { benchFanOut, PROFILE_FAN_OUT_SIZE } from './fan-out.js';
import type { BenchRow } from './measure.js';

/** How long the fake model takes per TL;DR: about what a small local model needs for two sentences. */
const MODEL_MS = Number(process.env.BENCH_LLM_MS ?? 400);
/** TL;DRs queued before the fan-out (per language, English and German): enough to keep the model busy. */
const BACKLOG = Number(process.env.BENCH_TLDR_BACKLOG ?? 2000);

/**
 * Whether writing TL;DRs slows digests down: the same fan-out (2,000 channels, half of them reading German, so
 * their digests want TL;DRs) three times in one run: without a model, with one that writes a backlog of TL;DRs
 * throughout (a fake OpenAI-compatible server answering in MODEL_MS), and without again. The row is the wall time
 * with TL;DRs against the mean of the two without; the target is within 5%.
 */
export async function benchFanOutWithTldrs(
  backend: string,
  handle: DatabaseHandle & { url: string },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const llm = await startFakeLlm({ models: ['bench-model'] });
  llm.respond(() => ({
    delayMs: MODEL_MS,
    reply: { text: 'Der Ansatz teilt eine Basis für alle Adapter. Er spart Speicher.' },
  }));
  try {
    log(`${backend}: fan-out without a model, with TL;DRs being written, and without again`);
    const withoutModel = async () =>
      (
        await benchFanOut(backend, handle, log, {
          size: PROFILE_FAN_OUT_SIZE,
          tldrs: { llmUrl: null, backlog: 0 },
          scenario: 'fan-out without a model',
        })
      )[0];
    const before = await withoutModel();
    const [withTldrs] = await benchFanOut(backend, handle, log, {
      size: PROFILE_FAN_OUT_SIZE,
      tldrs: { llmUrl: llm.url, backlog: BACKLOG },
      scenario: 'fan-out with TL;DRs',
    });
    // Counted now: the next fan-out starts from empty tables.
    const written = await handle.db.execute('select count(*)::int as n from paper_tldrs');
    const rows = (Array.isArray(written) ? written : (written as { rows: unknown[] }).rows) as {
      n: number;
    }[];
    const after = await withoutModel();
    const wallOf = (row: BenchRow | undefined) => Number(row?.details?.wallMs ?? Number.NaN);
    // One on each side: a fan-out right after the ingest may run while autovacuum still works on the new papers.
    const wallWithout = (wallOf(before) + wallOf(after)) / 2;
    const wallWith = wallOf(withTldrs);
    const ratio = wallWith / wallWithout;
    return [
      {
        scenario: 'fan-out with TL;DRs',
        backend,
        inputs: `${PROFILE_FAN_OUT_SIZE.slackChannels} Slack + ${PROFILE_FAN_OUT_SIZE.discordChannels} Discord channels, half reading German; a model answering in ${MODEL_MS} ms, ${BACKLOG} papers x 2 languages queued`,
        figure: `${(wallWith / 1000).toFixed(1)} s vs ${(wallWithout / 1000).toFixed(1)} s without a model (${ratio.toFixed(3)}x; ${(wallOf(before) / 1000).toFixed(1)} s before, ${(wallOf(after) / 1000).toFixed(1)} s after); ${rows[0]?.n ?? 0} TL;DRs written, ${llm.requestCount} model calls; ${withTldrs?.figure ?? ''}`,
        target: 'within 5% of the same fan-out without a model',
        met:
          ratio <= 1.05 &&
          Boolean(withTldrs?.met === true || /0 duplicates, 0 lost/.test(withTldrs?.figure ?? '')),
        details: {
          wallWithout,
          wallWith,
          ratio,
          before: before?.details,
          withTldrs: withTldrs?.details,
          after: after?.details,
        },
      },
    ];
  } finally {
    await llm.close();
  }
}
