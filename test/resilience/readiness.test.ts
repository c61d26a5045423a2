import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../src/db/database.js';
import type { DatabaseHealth } from '../../src/db/database-health.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createReadinessCheck } from '../../src/observability/readiness.js';
import { openTestDatabase } from '../helpers/test-database.js';

const healthy: DatabaseHealth = { problem: () => null, onRecovered: () => () => {} };
const unreachable: DatabaseHealth = {
  problem: () => ({ reason: 'connect ECONNREFUSED 127.0.0.1:5432', since: new Date('2026-06-13T09:00:00Z') }),
  onRecovered: () => () => {},
};
/** A database that never answers (a stuck connection, a stuck embedded thread). */
const silent = { execute: () => new Promise(() => {}) } as unknown as Database;
/** A database whose every query fails. */
const failing = { execute: () => Promise.reject(new Error('connection refused')) } as unknown as Database;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());

describe('readiness', () => {
  it('is ready once every migration is applied and the adapters have started', async () => {
    let started = false;
    const ready = createReadinessCheck(handle, () => started);
    expect(await ready()).toBe('chat adapters are still starting');
    started = true;
    expect(await ready()).toBeNull();
    expect(await ready()).toBeNull();
  });

  it('says at once that the database is unreachable while that is known, without asking it', async () => {
    const ready = createReadinessCheck({ db: silent, health: unreachable }, () => true);
    const asked = performance.now();
    expect(await ready()).toBe(
      'database unavailable since 2026-06-13T09:00:00.000Z: connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(performance.now() - asked).toBeLessThan(50);
  });

  it('gives up on a database that does not answer within its deadline', async () => {
    const ready = createReadinessCheck({ db: silent, health: healthy }, () => true, 200);
    const asked = performance.now();
    expect(await ready()).toBe('database did not answer within 200 ms');
    expect(performance.now() - asked).toBeLessThan(1000);
  });

  it('passes the reason of a failing query on', async () => {
    const ready = createReadinessCheck({ db: failing, health: healthy }, () => true);
    expect(await ready()).toBe('database unreachable: connection refused');
  });
});

describe('metrics while the database fails', () => {
  it('still answers a scrape, without the figures read from the database, and says it is down', async () => {
    const metrics = createMetrics({ db: failing, health: unreachable });
    const body = await metrics.registry.metrics();
    expect(body).toContain('paperboy_database_up 0');
    expect(body).toMatch(/^paperboy_papers nan$/im);
    expect(body).not.toMatch(/^paperboy_channels_active\{/m);
  });

  it('says it is up, with the figures, when it answers', async () => {
    const body = await createMetrics(handle).registry.metrics();
    expect(body).toContain('paperboy_database_up 1');
    expect(body).toMatch(/^paperboy_papers \d+/m);
  });
});
