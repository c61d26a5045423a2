import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { DatabaseUnavailableError } from '../../src/db/database-errors.js';
import { createHealthMonitor, isConnectionFailure, isWriteStatement } from '../../src/db/database-health.js';

const failure = (code: string, message = `failed with ${code}`) =>
  Object.assign(new Error(message), { code });

/** A probe the test answers: each call waits until `answer` says how it ends. */
function controlledProbe() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    probe: () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })),
    calls,
    async settled() {
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('the database health monitor', () => {
  it('tells connection failures from failing statements', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'CONNECT_TIMEOUT',
      'CONNECTION_CLOSED',
      '57P01',
      '57P03',
      '08006',
    ])
      expect(isConnectionFailure(failure(code))).toBe(true);
    for (const code of ['42P01', '23505', '53100', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED'])
      expect(isConnectionFailure(failure(code))).toBe(false);
    expect(isConnectionFailure(new Error('no code'))).toBe(false);
  });

  it('is unreachable after a connection failure, fails fast saying why, and is back once a probe answers', async () => {
    const { probe, calls, settled } = controlledProbe();
    const monitor = createHealthMonitor({
      probe,
      probeEveryMs: 5,
      label: 'the test server',
      logger: silentLogger,
    });
    let recoveries = 0;
    monitor.health.onRecovered(() => {
      recoveries += 1;
    });
    monitor.reportFailure(failure('42P01'));
    expect(monitor.isDown()).toBe(false);

    monitor.reportFailure(failure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'));
    expect(monitor.isDown()).toBe(true);
    expect(monitor.health.problem()?.reason).toContain('ECONNREFUSED');
    const error = monitor.unavailable();
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error.code).toBe('databaseUnavailable');
    expect(error.message).toMatch(
      /^the test server is unreachable since .* \(connect ECONNREFUSED .*\); paperboy retries/,
    );

    // The first probe starts at once; it fails, and the next follows after probeEveryMs.
    expect(calls).toHaveLength(1);
    calls[0]?.reject(failure('57P03', 'the database system is starting up'));
    await settled();
    expect(monitor.health.problem()?.reason).toContain('starting up');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(2);
    calls[1]?.resolve();
    await settled();
    expect(monitor.isDown()).toBe(false);
    expect(monitor.health.problem()).toBeNull();
    expect(recoveries).toBe(1);
    monitor.close();
  });

  it('is back at once when any query gets through while it looked unreachable', () => {
    const { probe } = controlledProbe();
    const monitor = createHealthMonitor({ probe, probeEveryMs: 1000, label: 'db', logger: silentLogger });
    monitor.reportFailure(failure('CONNECTION_CLOSED'));
    expect(monitor.isDown()).toBe(true);
    monitor.reportSuccess();
    expect(monitor.isDown()).toBe(false);
    monitor.close();
  });

  it('reports a full disk until a write works, or a few seconds after the last failure', () => {
    let clock = new Date('2026-06-13T09:00:00Z');
    const monitor = createHealthMonitor({
      probe: async () => {},
      probeEveryMs: 1000,
      label: 'db',
      logger: silentLogger,
      now: () => clock,
    });
    monitor.reportFailure(failure('53100', 'could not extend file "base/5/16384": No space left on device'));
    expect(monitor.isDown()).toBe(false);
    expect(monitor.health.problem()?.reason).toMatch(/^out of disk space: could not extend file/);
    monitor.reportSuccess(false);
    expect(monitor.health.problem()).not.toBeNull();
    monitor.reportSuccess(true);
    expect(monitor.health.problem()).toBeNull();

    monitor.reportFailure(failure('53100'));
    clock = new Date(clock.getTime() + 2_000);
    expect(monitor.health.problem()).not.toBeNull();
    clock = new Date(clock.getTime() + 2_000);
    expect(monitor.health.problem()).toBeNull();
  });

  it('knows free space better than any single write, when it can read it (the embedded database)', () => {
    let free = 0;
    const monitor = createHealthMonitor({
      probe: async () => {},
      probeEveryMs: 1000,
      label: 'db',
      logger: silentLogger,
      freeBytes: () => free,
      minFreeBytes: 1000,
    });
    monitor.reportFailure(failure('53100'));
    monitor.reportSuccess(true);
    expect(monitor.health.problem()).not.toBeNull();
    free = 5000;
    expect(monitor.health.problem()).toBeNull();
  });

  it('counts inserts, updates and deletes as writes', () => {
    expect(
      ['insert into t values (1)', ' UPDATE t set x = 1', 'delete from t'].map(isWriteStatement),
    ).toEqual([true, true, true]);
    expect(
      ['select 1', 'with picked as (select 1) update t set x = 1', 'begin'].map(isWriteStatement),
    ).toEqual([false, false, false]);
  });
});
