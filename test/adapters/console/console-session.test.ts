import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { silentLogger } from '../../../src/core/logger.js';

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'paperboy-console-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `paperboy` (no command) with these lines on stdin, as `npm start` would, offline. */
async function session(lines: string[], env: Record<string, string> = {}) {
  let stdout = '';
  const code = await runCli([], {
    env: {
      PAPERBOY_DATA_DIR: dataDir,
      HF_API_URL: 'http://127.0.0.1:9',
      ARXIV_API_URL: 'http://127.0.0.1:9/api',
      ARXIV_RSS_URL: 'http://127.0.0.1:9/rss',
      INGEST_CRON: '0 0 1 1 *',
      ...env,
    },
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => {},
    stdin: Readable.from([`${lines.join('\n')}\n`]),
    logger: silentLogger,
    now: () => new Date('2026-07-14T08:00:00Z'),
  });
  return { code, stdout };
}

describe('the console adapter', () => {
  it('loads the bundled sample when no source is reachable, then answers commands typed at the prompt', async () => {
    const { code, stdout } = await session([
      'help',
      '/papers topic:benchmark limit:2',
      'next',
      'subscribe lora -survey',
      'schedule 09:30 Europe/Berln',
      'digest',
      'quit',
      'this line is never read',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /No paper source could be reached \(.*\)\. Loaded the bundled sample of \d+ (?:\w+ )?papers/,
    );
    expect(stdout).toContain('paperboy is running in this terminal as channel console:local');
    expect(stdout).toContain('/papers subscribe <terms>');
    expect(stdout).toMatch(/Papers about "benchmark"\n\d+ results · page 1 of \d+/);
    expect(stdout).toMatch(/Papers about "benchmark"\n\d+ results · page 2 of \d+/);
    expect(stdout).toContain('Subscribed to lora, -survey.');
    expect(stdout).toContain('Unknown timezone "Europe/Berln". Did you mean Europe/Berlin?');
    expect(stdout).toContain('Example: /papers schedule');
    expect(stdout).toContain('(posted to the channel)\nYour paper digest\nDaily Papers of Mon, 13 Jul 2026');
    expect(stdout).not.toContain('never read');
    // No terminal: no colour codes and no prompt.
    expect(stdout).not.toContain('\u001b[');
    expect(stdout).not.toContain('paperboy> ');
  });

  it('takes feedback on the papers of the last card by number, and keeps the reading list', async () => {
    const { stdout } = await session([
      'topic:"diffusion transformers" limit:3',
      'save 1',
      'save 1',
      'relevant 2',
      'save 9',
      'saved',
      'saved export:bibtex',
      'quit',
    ]);
    expect(stdout).toContain('[👍 👎 🔖: type "relevant 1", "not-relevant 1" or "save 1"]');
    expect(stdout).toContain("🔖 Saved to this channel's reading list");
    // The clock stands still here, so the second `save 1` is a double click: it counts once.
    expect(stdout).not.toContain('Taken off');
    expect(stdout).toContain('👍 Marked relevant');
    expect(stdout).toContain('There is no paper 9 in the last list shown');
    expect(stdout).toContain('Reading list\n1 saved');
    expect(stdout).toContain('saved by @local');
    expect(stdout).toContain('── reading-list.bib ──\n@misc{');
    expect(stdout).toContain('eprint = {2607.91208}');
  });

  it('keeps the store between runs and does not load the sample twice', async () => {
    const { stdout } = await session(['subscriptions']);
    expect(stdout).not.toContain('bundled sample');
    expect(stdout).toContain('• lora');
    expect(stdout).toContain('• -survey');
  });

  it('says there is no next page instead of searching for "next"', async () => {
    const { stdout } = await session(['next']);
    expect(stdout).toContain('There is no next page.');
  });

  it('shows the card of a pasted paper link, and the digest then says a teammate shared it', async () => {
    const { stdout } = await session(
      [
        'https://arxiv.org/abs/2607.91208v2',
        'https://arxiv.org/abs/2607.09999',
        'paper https://arxiv.org/abs/2607.91208',
        'digest',
        'quit',
      ],
      { HTTP_MAX_RETRIES: '0', PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-links-')) },
    );
    expect(stdout).toContain('Diffusion Transformers Without Positiona');
    // An id the store lacks is looked up on arXiv, which is unreachable here: no card, no error.
    expect(stdout).toMatch(
      /\(looking papers up on arXiv…\)\npaperboy\n\n\S+ No paper found for those links\./,
    );
    expect(stdout).toMatch(
      /Already shared here\n• Diffusion Transformers Without Positional Embeddings — https:\/\/huggingface\.co\/papers\/2607\.91208 ·\s+shared by local on 2026-07-14/,
    );
    // The digest's new papers start at the second most upvoted: the shared one is not presented as new.
    expect(stdout).toMatch(/Daily Papers of Mon, 13 Jul 2026[^\n]*\n\n1\. Orchard Counts/);
  });
});
