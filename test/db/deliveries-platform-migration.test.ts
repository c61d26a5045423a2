import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/database.js';

const BEFORE = '0015_deliveries_platform';
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The migrations folder as it was before `tag`: its files, with the journal cut off there. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'paperboy-migrations-'));
  folders.push(folder);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return folder;
}

it('gives the deliveries queued before the upgrade their channel’s platform', async () => {
  const client = await PGlite.create({ extensions: { pg_trgm } });
  try {
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: migrationsBefore(BEFORE) });
    await client.exec(`
      insert into channels (platform, workspace_id, channel_id, settings)
      values ('slack', 'T1', 'C1', '{}'), ('discord', 'G1', '111', '{}');
      insert into deliveries (channel_id, kind, card, idempotency_key, next_attempt_at, created_at)
      select id, 'digest', '{}'::jsonb, 'k-' || channel_id, now(), now() from channels;`);

    await migrate(db, { migrationsFolder });

    const { rows } = await client.query<{ channel_id: string; platform: string }>(
      `select c.channel_id, d.platform from deliveries d join channels c on c.id = d.channel_id order by 1`,
    );
    expect(rows).toEqual([
      { channel_id: '111', platform: 'discord' },
      { channel_id: 'C1', platform: 'slack' },
    ]);
    await expect(
      client.query(
        `insert into deliveries (channel_id, kind, card, idempotency_key, next_attempt_at, created_at)
         select id, 'digest', '{}'::jsonb, 'no-platform', now(), now() from channels limit 1`,
      ),
    ).rejects.toThrow(/platform/);
  } finally {
    await client.close();
  }
});
