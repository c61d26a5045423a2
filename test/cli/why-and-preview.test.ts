import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, fixturePath } from '../helpers/fixtures.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const HELIX = '2606.93392';

const cli = (argv: string[], env: NodeJS.ProcessEnv) => runCliCaptured(argv, env, '2026-06-13T12:00:00Z');

describe('paperboy why and preview', () => {
  let dataDir: string;
  // INGEST_CRON is read in the server's timezone: this machine's, UTC here and in CI.
  const env = () => ({ PAPERBOY_DATA_DIR: dataDir, INGEST_CRON: '0 6 * * *' });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'paperboy-cli-why-'));
    expect((await cli(['import', fixturePath(FIXTURE.hfDay)], env())).code).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [['why'], 'why takes one paper id or link'],
    [['why', 'helix'], '"helix" is not an arXiv id or link'],
    [['why', HELIX, HELIX], 'why takes one paper id or link'],
    [['preview', 'now'], "Unexpected argument 'now'"],
    [['preview', '--channel', 'teams:1:2'], '--channel must look like console:local'],
  ])('exits 2 with one line and the usage for %j', async (argv, message) => {
    const result = await cli(argv, { PAPERBOY_DATA_DIR: 'memory://' });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
  });

  it('explains a stored paper and one the store lacks', async () => {
    const stored = await cli(['why', `https://huggingface.co/papers/${HELIX}`], env());
    expect(stored.code).toBe(0);
    expect(stored.stdout).toMatch(/^Why: Helix/);
    expect(stored.stdout).toContain('It will be in /papers digest: it is among the day’s top 5.');
    const missing = await cli(['why', '2606.00001'], env());
    expect(missing.stdout).toContain('paperboy has not stored 2606.00001 yet');
    expect(missing.stdout).toContain('The next ingest runs Sun 14 Jun, 06:00 UTC.');
  });

  it('prints the preview with why each paper is there', async () => {
    const { code, stdout } = await cli(['preview'], env());
    expect(code).toBe(0);
    expect(stdout).toContain('Preview of your next digest');
    expect(stdout).toContain('No digest is scheduled here');
    expect(stdout).toMatch(/#1 on Daily Papers of Fri, 12 Jun 2026 \(\d+ upvotes\)/);
  });
});
