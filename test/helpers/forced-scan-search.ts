import type { PaperSearch } from '../../src/core/search.js';
import type { Database } from '../../src/db/database.js';
import type { CandidateScan } from '../../src/store/candidate-scan.js';
import { createPaperSearchWithScan, type SearchTuning } from '../../src/store/search-papers.js';

/**
 * Paper search whose word searches always collect their candidates one way, whatever the planner estimates,
 * so a test can check that both ways give the same page (a phrase with word pairs is always collected from their
 * index, so for `"sparse attention"` both ways are that one). `tuning` sets the window of newest papers an index search
 * reads first and shrinks the cap, so a small corpus fills the cap from the window and past it.
 *
 * @example
 * const walked = await createForcedScanSearch(db, 'walk').search({ query: 'model', limit: 25 });
 */
export function createForcedScanSearch(
  db: Database,
  scan: CandidateScan,
  tuning?: SearchTuning,
): PaperSearch {
  return createPaperSearchWithScan(db, async () => ({ scan, expectedMatches: 0, totalPapers: 0 }), tuning);
}
