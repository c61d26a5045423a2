import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import { gatewayLockKey } from '../../../src/adapters/discord/gateway-lease.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { openTestDatabase, postgresUrl } from '../../helpers/test-database.js';
import { adapterContext, botOn, discordConfig } from './discord-fixtures.js';

// Replicas share the gateway lease through Postgres; without DATABASE_URL there is no second replica to test.
const applicationId = String(100_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e9)));

let handle: DatabaseHandle;
let bot: BotDependencies;
let discord: FakeDiscord;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  bot = await botOn(handle);
  discord = await startFakeDiscord({ applicationId });
});
afterAll(async () => {
  await discord?.close();
  await handle?.close();
});

const replica = () =>
  createDiscordAdapter(
    adapterContext(
      discordConfig({
        DISCORD_API_URL: discord.api,
        DISCORD_APPLICATION_ID: applicationId,
        DATABASE_URL: postgresUrl ?? '',
      }),
      handle,
      bot,
      createHttpServer(silentLogger),
    ),
    { standbyCheckMs: 50 },
  );

describe.skipIf(!postgresUrl)('the Discord gateway across replicas (Postgres)', () => {
  it('is held by one replica; another stands by and takes over when the first stops', async () => {
    const first = replica();
    await first.start();
    expect(discord.gateway.identified).toHaveLength(1);

    const second = replica();
    await second.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.gateway.identified).toHaveLength(1);

    await first.stop();
    await expect.poll(() => discord.gateway.identified.length, { timeout: 10_000 }).toBe(2);
    await second.stop();
  });

  it('lets go of the gateway when its lock connection drops and another replica takes the lock', async () => {
    const identifiedBefore = discord.gateway.identified.length;
    const first = replica();
    await first.start();
    const second = replica();
    await second.start();
    expect(discord.gateway.identified.length).toBe(identifiedBefore + 1);

    // A Postgres restart, as the holder sees it: its lock connection is gone, and someone else gets the lock
    // first (here a session that queues for it before the holder's connection has even ended).
    const key = gatewayLockKey(applicationId);
    const admin = postgres(postgresUrl ?? '', { max: 1, onnotice: () => {} });
    const unsigned = BigInt.asUintN(64, key);
    const terminated = await admin`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'
      and classid = ${String(unsigned >> 32n)}::bigint::oid and objid = ${String(unsigned & 0xffffffffn)}::bigint::oid`;
    expect(terminated).toHaveLength(1);
    await admin`select pg_advisory_lock(${key.toString()}::bigint)`;
    await expect.poll(() => discord.gateway.connections(), { timeout: 10_000 }).toBe(0);

    await admin.end();
    await expect
      .poll(() => discord.gateway.identified.length, { timeout: 10_000 })
      .toBe(identifiedBefore + 2);
    expect(discord.gateway.connections()).toBe(1);
    await first.stop();
    await second.stop();
  });
});
