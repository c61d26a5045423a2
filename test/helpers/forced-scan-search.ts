import type { PaperSearch } from '../../src/core/search.js';
import type { Database } from '../../src/db/database.js';
import type { CandidateScan } from '../../src/store/candidate-scan.js';
import { createPaperSearchWithScan } from '../../src/store/search-papers.js';

/**
 * Paper search whose word searches always collect their candidates one way, whatever the planner estimates,
 * so a test can check that both ways give the same page.
 *
 * @example
 * const walked = await createForcedScanSearch(db, 'walk').search({ query: 'model', limit: 25 });
 */
export function createForcedScanSearch(db: Database, scan: CandidateScan): PaperSearch {
  return createPaperSearchWithScan(db, async () => scan);
}
