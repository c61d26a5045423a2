import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../src/version.js';
import { FIXTURE, fixturePath } from '../helpers/fixtures.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const cli = (argv: string[], env: NodeJS.ProcessEnv = {}, input = '') =>
  runCliCaptured(argv, env, '2026-07-14T00:00:00Z', input);

describe('paperboy CLI usage', () => {
  it('prints help and the version', async () => {
    expect(await cli(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: paperboy'),
    });
    expect(await cli(['search', '--help'])).toMatchObject({ code: 0 });
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['search', 'lora', '--limit', '500'], '--limit must be a whole number from 1 to 25, got "500"'],
    [['search', 'lora', '--sort', 'stars'], '--sort must be one of relevance, upvotes, date'],
    [['search', 'lora', '--since', 'yesterday'], '--since: "yesterday" is not a time span or a date'],
    [['search'], 'search needs a query'],
    [['search', 'lora', '--colour'], "Unknown option '--colour'"],
    [['ingest', '--source', 'web'], '--source must be one of hf, arxiv, all, got "web"'],
    [['ingest', '--date', '2026-13-01'], '--date must be a date like 2026-06-12'],
    [['ingest', '--days', '0'], '--days must be a whole number from 1 to 365'],
    [['ingest', '--category', 'machine learning'], '--category "machine learning" is not an arXiv category'],
    [['import'], 'import takes exactly one file'],
  ])('exits 2 with one line and the usage for %j', async (argv, message) => {
    const result = await cli(argv, { PAPERBOY_DATA_DIR: 'memory://' });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr).toContain('Usage: paperboy');
  });

  it('exits 2 listing every bad environment variable', async () => {
    const result = await cli(['search', 'lora'], { DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL must be a postgres:// URL');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
  });
});

describe('paperboy import and search', () => {
  let dataDir: string;
  const env = () => ({ PAPERBOY_DATA_DIR: dataDir });

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'paperboy-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says the store is empty before anything is imported', async () => {
    const result = await cli(['search', 'lora'], env());
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('No papers are stored yet') });
  });

  it('imports a saved HF response and an arXiv Atom file, detected by content, into the on-disk store', async () => {
    const hf = await cli(['import', fixturePath(FIXTURE.hfDay)], env());
    expect(hf.code).toBe(0);
    expect(hf.stdout).toContain('import: 17 papers stored from 17 fetched');
    const atom = await cli(['import', fixturePath(FIXTURE.arxivAiLg)], env());
    expect(atom.code).toBe(0);
    expect(atom.stdout).toContain('import: 16 papers stored from 16 fetched');
  });

  it('refuses a file that is neither format', async () => {
    const file = join(dataDir, 'page.html');
    writeFileSync(file, 'hello');
    const result = await cli(['import', file], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'neither a Hugging Face daily_papers JSON array nor an arXiv Atom or RSS feed',
    );
    expect((await cli(['import', join(dataDir, 'missing.json')], env())).stdout).toContain('no such file');
  });

  it('prints search results as JSON in the documented shape', async () => {
    const result = await cli(['search', 'sparse', 'attention', '--limit', '2', '--json'], env());
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ query: 'sparse attention', total: expect.any(Number) });
    expect(json.results[0]).toEqual({
      id: '2606.93392',
      title: 'Helix: Sparse Attention for Genome-Scale DNA Language Models',
      authors: expect.arrayContaining([expect.any(String)]),
      upvotes: 103,
      publishedAt: expect.stringMatching(/^2026-/),
      url: 'https://huggingface.co/papers/2606.93392',
      score: expect.any(Number),
    });
  });

  it('keeps -exclusions as part of the query and prints readable results', async () => {
    const result = await cli(['search', 'benchmark', '-agents', '--limit', '3'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/papers match "benchmark -agents"/);
    expect(result.stdout).toContain('https://huggingface.co/papers/');
  });

  it('quotes a query once, and links an arXiv-only paper to arXiv without upvotes', async () => {
    const phrase = await cli(['search', '"vision language"'], env());
    expect(phrase.stdout).toMatch(/^\d+ papers? match(es)? "vision language":/);
    const arxivOnly = await cli(['search', 'pollinator'], env());
    expect(arxivOnly.stdout).toContain('1 paper matches "pollinator":');
    expect(arxivOnly.stdout).toContain(
      '    2607.99662 · 2026-07-13 · Kaito Ferreira, Emeka Lindgren, Thea Balogun\n',
    );
    expect(arxivOnly.stdout).toContain('    https://arxiv.org/abs/2607.99662');
  });

  it('prints the digest a channel would get, as text or JSON, without marking it delivered', async () => {
    const json = await cli(['digest', '--channel', 'console:local', '--date', '2026-06-12', '--json'], env());
    expect(json.code).toBe(0);
    const digest = JSON.parse(json.stdout);
    expect(digest).toMatchObject({
      channel: 'console:local',
      day: '2026-06-12',
      at: '2026-06-13T01:30:00.000Z',
    });
    expect(digest.items.slice(0, 2)).toEqual([
      expect.objectContaining({ id: '2606.93681', reason: 'trending', upvotes: 118 }),
      expect.objectContaining({ id: '2606.93392', reason: 'trending', upvotes: 103 }),
    ]);
    const again = await cli(['digest', '--date', '2026-06-12'], env());
    expect(again.stdout).toContain('Your paper digest');
    expect(again.stdout).toContain('Gridlock');
    expect((await cli(['digest', '--channel', 'irc:#papers'], env())).code).toBe(2);
  });
});
