import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { startOfUtcDay, utcDay } from '../core/days.js';
import type { PaperInput } from '../core/paper.js';

/**
 * Where the bundled sample lives: papers invented for trying paperboy (titles, abstracts, people,
 * organisations, links and ids are all made up; see sample/README.md), dated mostly June and July 2026.
 */
export const SAMPLE_FILE = new URL('../../sample/papers.json', import.meta.url);

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

const date = z.iso.datetime().transform((text) => new Date(text));
const samplePaper = z.looseObject({
  id: z.string(),
  title: z.string(),
  source: z.enum(['hf', 'arxiv']),
  publishedAt: date.optional(),
  updatedAt: date.optional(),
  dailyDate: z.iso.date().optional(),
});

/**
 * The bundled sample papers, so every command can be tried offline, with their dates moved to the weeks
 * before `now` (see `recentSample`).
 */
export async function loadSamplePapers(now: Date, file: URL = SAMPLE_FILE): Promise<PaperInput[]> {
  const parsed = z.array(samplePaper).parse(JSON.parse(await readFile(file, 'utf8')));
  return recentSample(parsed as unknown as PaperInput[], now);
}

/**
 * The papers moved by whole weeks, so that their newest Daily-Papers day becomes the latest day of the same
 * weekday not after `now` (UTC): `since:7d`, `/papers week` and digests then find them whenever paperboy
 * runs, and weekdays stay weekdays. Papers without any Daily-Papers day are returned as they are.
 *
 * @example
 * // Newest day Mon 13 Jul 2026, run on Tue 1 Dec 2026: every date moves 20 weeks, to Mon 30 Nov 2026.
 * recentSample(papers, new Date('2026-12-01T09:00:00Z'));
 */
export function recentSample(papers: readonly PaperInput[], now: Date): PaperInput[] {
  const newest = papers
    .flatMap((paper) => (paper.dailyDate ? [paper.dailyDate] : []))
    .sort()
    .at(-1);
  if (newest === undefined) return [...papers];
  return shiftByWeeks(papers, weeksUntil(newest, utcDay(now)));
}

/**
 * Whole weeks from `day` to the latest day of the same weekday not after `today` (both `YYYY-MM-DD`);
 * negative when `today` is earlier.
 *
 * @example
 * weeksUntil('2026-07-13', '2026-12-01'); // 20: Mon 13 Jul → Mon 30 Nov
 */
export function weeksUntil(day: string, today: string): number {
  return Math.floor((startOfUtcDay(today).getTime() - startOfUtcDay(day).getTime()) / WEEK_MS);
}

/** The papers with `publishedAt`, `updatedAt` and `dailyDate` moved by `weeks` weeks. */
export function shiftByWeeks(papers: readonly PaperInput[], weeks: number): PaperInput[] {
  const offset = weeks * WEEK_MS;
  const move = (at: Date) => new Date(at.getTime() + offset);
  return papers.map((paper) => {
    const moved: PaperInput = { ...paper };
    if (paper.publishedAt) moved.publishedAt = move(paper.publishedAt);
    if (paper.updatedAt) moved.updatedAt = move(paper.updatedAt);
    if (paper.dailyDate) moved.dailyDate = utcDay(move(startOfUtcDay(paper.dailyDate)));
    return moved;
  });
}
