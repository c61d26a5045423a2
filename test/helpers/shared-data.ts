import { describe } from 'vitest';
import { SHARED_ABSENT, sharedDir } from './shared-dir.js';

export { RECORDED, readRecordedUpstream, readShared, sharedDir, sharedPath } from './shared-dir.js';

/**
 * A suite that reads recorded data from `../shared/` (see `shared-dir.ts`): run when the folder is there, else
 * reported as skipped with the reason in its name, so `npm test` passes in a clone outside this workspace.
 */
export function describeRecorded(name: string, suite: () => void): void {
  if (sharedDir) describe(`${name} (recorded data)`, suite);
  else describe.skip(`${name} (skipped: ${SHARED_ABSENT})`, suite);
}
