import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { ChatAdapterContext } from '../../../src/adapters/chat-adapter.js';
import { type Config, parseConfig } from '../../../src/config.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import type { HttpServer } from '../../../src/http/http-server.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';

export const APPLICATION_ID = '100000000000000001';
export const GUILD_ID = '400000000000000001';
export const CHANNEL_ID = '500000000000000001';
/** Inside the fixture corpus's days, so `today` and searches find papers. */
export const NOW = new Date('2026-07-14T08:00:00Z');

/** Bot dependencies on a migrated database holding the fixture corpus. */
export async function botOn(handle: DatabaseHandle): Promise<BotDependencies> {
  const papers = createPaperStore(handle.db);
  await papers.upsertPapers(fixtureCorpus());
  return createStoreBotDependencies(handle.db, silentLogger);
}

export function discordConfig(env: Record<string, string>): Config {
  const parsed = parseConfig({ DISCORD_TOKEN: 'test-token', DISCORD_APPLICATION_ID: APPLICATION_ID, ...env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

export const adapterContext = (
  config: Config,
  handle: DatabaseHandle,
  bot: BotDependencies,
  http: HttpServer,
): ChatAdapterContext => ({ config, bot, http, db: handle.db, logger: silentLogger, now: () => NOW });

/** A test Ed25519 key pair, with the public key as the 64 hex characters the Developer Portal shows. */
export function testKeyPair(): { privateKey: KeyObject; publicKeyHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicKeyHex: der.subarray(der.length - 32).toString('hex') };
}

export const signRequest = (privateKey: KeyObject, timestamp: string, body: string): string =>
  sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');

/** POSTs an interaction to `url` as Discord does: signed with `privateKey`, unless a `signature` is given. */
export function postInteraction(
  url: string,
  body: string,
  signing: { privateKey: KeyObject; signature?: string },
): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signing.signature ?? signRequest(signing.privateKey, timestamp, body),
      'x-signature-timestamp': timestamp,
    },
    body,
  });
}

/** A `/papers`-style APPLICATION_COMMAND interaction as Discord sends it. */
export function commandInteraction(
  name: string,
  options: { name: string; type: number; value?: unknown; options?: unknown[] }[] = [],
  extra: { permissions?: string; id?: string; token?: string } = {},
) {
  return {
    id: extra.id ?? '600000000000000001',
    application_id: APPLICATION_ID,
    type: 2,
    token: extra.token ?? 'interaction-token-1',
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'papers' },
    app_permissions: '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    member: {
      user: {
        id: '700000000000000001',
        username: 'ada',
        discriminator: '0',
        global_name: 'Ada',
        avatar: null,
      },
      roles: [],
      permissions: extra.permissions ?? '0',
      joined_at: '2026-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
    },
    data: { id: '800000000000000001', name, type: 1, options },
  };
}
