import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperListCard } from '../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../src/core/channel.js';
import { openDatabase } from '../../src/db/database.js';
import { postedMessages } from '../../src/db/schema.js';
import { createChannelStore } from '../../src/store/channel-store.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createPostedMessageStore } from '../../src/store/posted-message-store.js';
import { FIXTURE, fixturePath } from '../helpers/fixtures.js';
import { runCliCaptured } from '../helpers/run-cli-captured.js';

const HELIX = '2606.93392';
const GRIDLOCK = '2606.93681';
const SLACK = 'slack:T1:C1';
const postedRef: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C9' };

const cli = (argv: string[], env: NodeJS.ProcessEnv, now = '2026-07-14T00:00:00Z') =>
  runCliCaptured(argv, env, now);

describe('paperboy feedback and saved: bad input', () => {
  it.each([
    [['feedback'], 'feedback takes a paper id and one of relevant, not-relevant, save, unsave'],
    [['feedback', HELIX], 'feedback takes a paper id and one of'],
    [['feedback', HELIX, 'save', 'now'], 'feedback takes a paper id and one of'],
    [['feedback', HELIX, 'love'], '"love" is not one of relevant, not-relevant, save, unsave'],
    [['feedback', 'helix', 'save'], '"helix" is not an arXiv id or link'],
    [['feedback', '--channel', 'slack:T1', HELIX, 'save'], '--channel must look like console:local'],
    [['feedback', '--user', 'Ada Lovelace', HELIX, 'save'], '--user must be 1-64 letters'],
    [['feedback', '--colour', HELIX, 'save'], "Unknown option '--colour'"],
    [['saved', '--format', 'xml'], '--format must be one of text, bibtex, csv, json, got "xml"'],
    [['saved', '--since', 'yesterday'], '--since: "yesterday" is not a time span or a date'],
    [['saved', '--channel', 'teams:1:2'], '--channel must look like console:local'],
    [['saved', '--by', ' '], '--by needs a user id'],
    [['saved', 'everything'], "Unexpected argument 'everything'"],
  ])('exits 2 with one line and the usage for %j', async (argv, message) => {
    const result = await cli(argv, { PAPERBOY_DATA_DIR: 'memory://' });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr).toContain('Usage: paperboy');
    expect(result.stdout).toBe('');
  });

  it('lists both commands in the usage', async () => {
    const { stdout } = await cli(['--help'], {});
    expect(stdout).toContain('feedback <paper-id> relevant|not-relevant|save|unsave');
    expect(stdout).toContain(
      '[--channel console:local] [--format text|bibtex|csv|json] [--since 7d|2w|YYYY-MM-DD]',
    );
  });
});

describe('paperboy feedback and saved on the embedded database', () => {
  let dataDir: string;
  const env = () => ({ PAPERBOY_DATA_DIR: dataDir });
  /** Opens the store the CLI uses, between two of its runs (the directory takes one process at a time). */
  const withStore = async <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) => {
    const handle = await openDatabase({ dataDir: join(dataDir, 'pgdata') });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'paperboy-cli-feedback-'));
    expect((await cli(['import', fixturePath(FIXTURE.hfDay)], env())).code).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records a vote as the user cli, or as --user, and says what the channel now counts', async () => {
    const saved = await cli(['feedback', HELIX, 'save'], env());
    expect(saved).toEqual({
      code: 0,
      stdout: `${HELIX} in console:local, by cli: no vote, saved. The channel: 🔖 1 · 👍 0.\n`,
      stderr: '',
    });
    const liked = await cli(
      ['feedback', '--user', 'U2', `https://huggingface.co/papers/${HELIX}`, 'relevant'],
      env(),
    );
    expect(liked.stdout).toBe(
      `${HELIX} in console:local, by U2: relevant, not saved. The channel: 🔖 1 · 👍 1.\n`,
    );
    // Setting, not toggling: the same command again changes nothing; the opposite vote replaces it.
    expect((await cli(['feedback', '--user', 'U2', HELIX, 'relevant'], env())).stdout).toContain(
      'by U2: no change, relevant, not saved',
    );
    expect((await cli(['feedback', '--user', 'U2', HELIX, 'not-relevant'], env())).stdout).toContain(
      'by U2: not relevant, not saved. The channel: 🔖 1 · 👍 0.',
    );
    expect((await cli(['feedback', HELIX, 'unsave'], env())).stdout).toContain(
      'by cli: no vote, not saved. The channel: 🔖 0 · 👍 0.',
    );
  });

  it('refuses a paper the store does not have, with exit 1', async () => {
    const result = await cli(['feedback', '2601.00001', 'save'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'paperboy does not store paper 2601.00001. Check the id, or fetch it first with paperboy ingest or paperboy import <file>.\n',
    );
  });

  it("marks the channel's posted messages showing the paper for a redraw of their counts", async () => {
    await withStore(async (db) => {
      await createChannelStore(db).ensure(postedRef);
      const [helix] = await createPaperStore(db).getPapers([HELIX]);
      if (!helix) throw new Error('the fixture lacks Helix');
      const card = { ...paperListCard('Your paper digest', undefined, [helix]), feedback: true };
      await createPostedMessageStore(db).record(
        { channel: postedRef, messageId: '1752400000.000100', card, perPaper: false },
        new Date('2026-07-13T09:00:00Z'),
      );
    });
    expect(
      (await cli(['feedback', '--channel', 'slack:T1:C9', '--user', 'U1', HELIX, 'relevant'], env())).code,
    ).toBe(0);
    const [message] = await withStore((db) => db.select().from(postedMessages));
    expect(message?.countsChangedAt?.toISOString()).toBe('2026-07-14T00:00:00.000Z');
  });

  describe('a reading list', () => {
    beforeAll(async () => {
      const save = (user: string, paper: string, when: string) =>
        cli(['feedback', '--channel', SLACK, '--user', user, paper, 'save'], env(), when);
      await save('U1', GRIDLOCK, '2026-07-01T09:00:00Z');
      await save('U1', HELIX, '2026-07-13T09:00:00Z');
      await save('U2', HELIX, '2026-07-13T10:00:00Z');
    });
    const ids = async (...flags: string[]) =>
      JSON.parse(
        (await cli(['saved', '--channel', SLACK, '--format', 'json', ...flags], env())).stdout,
      ).entries.map((entry: { id: string }) => entry.id);

    it('prints as JSON and text, most recently saved first, with who saved each paper', async () => {
      const json = JSON.parse((await cli(['saved', '--channel', SLACK, '--format', 'json'], env())).stdout);
      expect(json).toEqual({
        channel: SLACK,
        total: 2,
        entries: [
          {
            id: HELIX,
            title: 'Helix: Sparse Attention for Genome-Scale DNA Language Models',
            authors: expect.arrayContaining([expect.any(String)]),
            savedBy: ['U2', 'U1'],
            savedAt: '2026-07-13T10:00:00.000Z',
            url: `https://arxiv.org/abs/${HELIX}`,
          },
          expect.objectContaining({ id: GRIDLOCK, savedBy: ['U1'], savedAt: '2026-07-01T09:00:00.000Z' }),
        ],
      });
      const text = await cli(['saved', '--channel', SLACK], env());
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`Reading list of ${SLACK}: 2 papers, most recently saved first`);
      expect(text.stdout).toContain(' 1. Helix: Sparse Attention for Genome-Scale DNA Language Models');
      expect(text.stdout).toContain('    saved by U2, U1 · 2026-07-13T10:00:00.000Z');
      expect(text.stdout.indexOf('Helix')).toBeLessThan(text.stdout.indexOf('Gridlock'));
    });

    it('prints as the BibTeX and CSV files /papers saved export: sends', async () => {
      const bibtex = (await cli(['saved', '--channel', SLACK, '--format', 'bibtex'], env())).stdout;
      expect(bibtex.match(/^@misc\{/gm)).toHaveLength(2);
      expect(bibtex).toContain(`  eprint = {${HELIX}},`);
      expect(bibtex).toContain('  archivePrefix = {arXiv},');
      const csv = (await cli(['saved', '--channel', SLACK, '--format', 'csv'], env())).stdout;
      const rows = csv.trimEnd().split('\r\n');
      expect(rows[0]).toBe('arxiv_id,title,authors,published,url,saved_by,saved_at');
      expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual([HELIX, GRIDLOCK]);
    });

    it('filters by --since and --by', async () => {
      expect(await ids('--since', '7d')).toEqual([HELIX]);
      expect(await ids('--since', '2026-06-30')).toEqual([HELIX, GRIDLOCK]);
      expect(await ids('--by', 'U2')).toEqual([HELIX]);
    });

    it('says when nothing is saved, and how to save a paper', async () => {
      expect((await cli(['saved', '--channel', 'slack:T9:C9'], env())).stdout).toBe(
        'Nothing saved in slack:T9:C9. Save a paper with: paperboy feedback --channel slack:T9:C9 <paper-id> save\n',
      );
      expect((await cli(['saved', '--channel', SLACK, '--since', '2026-07-14'], env())).stdout).toContain(
        `Nothing saved in ${SLACK} since 2026-07-14.`,
      );
    });
  });

  it('shows a channel’s weekly recap and when it posts next in paperboy status', async () => {
    await withStore(async (db) => {
      const store = createChannelStore(db);
      const channel = await store.ensure(postedRef);
      await store.updateSettings(channel, {
        ...channel.settings,
        recap: { enabled: true, weekday: 5, time: '16:00', timezone: 'Europe/Berlin' },
      });
    });
    const status = await cli(['status'], env());
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      '    weekly recap: Fridays at 16:00 Europe/Berlin (next: Fri 17 Jul, 16:00)',
    );
  });
});
