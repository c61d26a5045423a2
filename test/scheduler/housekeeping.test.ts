import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionState } from '../../src/db/schema.js';
import { createHousekeeping } from '../../src/scheduler/housekeeping.js';
import { createInteractionStateStore } from '../../src/store/interaction-state-store.js';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturingLogger } from './scheduler-fixtures.js';

describe('housekeeping', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => handle?.close());

  it('sweeps button state past its expiry, keeps the rest, and logs what it removed', async () => {
    const now = new Date('2026-06-13T12:00:00Z');
    const state = createInteractionStateStore(handle.db);
    const kept = await state.put('next page', new Date(now.getTime() + 1000));
    await state.put('old page', new Date(now.getTime() - 1000));
    const log = capturingLogger();
    await createHousekeeping({ db: handle.db, logger: log.logger }).sweep(now);
    const rows = await handle.db.select().from(interactionState);
    expect(rows.map((row) => row.key)).toEqual([kept]);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'swept expired button state',
        fields: expect.objectContaining({ deleted: 1 }),
      }),
    );
  });

  it('logs a failed sweep instead of throwing', async () => {
    const closed = await openTestDatabase('pglite');
    await closed.close();
    const log = capturingLogger();
    await expect(
      createHousekeeping({ db: closed.db, logger: log.logger }).sweep(new Date()),
    ).resolves.toBeUndefined();
    expect(log.lines.some((line) => line.level === 'warn')).toBe(true);
  });
});
