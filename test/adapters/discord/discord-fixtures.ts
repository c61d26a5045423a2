import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { ChatAdapter, ChatAdapterContext } from '../../../src/adapters/chat-adapter.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import { type Config, parseConfig } from '../../../src/config.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import {
  type FakeDiscord,
  type InitialResponse,
  type SeenAnswer,
  startFakeDiscord,
} from '../../helpers/fake-discord.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { type Driver, openTestDatabase } from '../../helpers/test-database.js';

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
  now: () => Date = () => NOW,
): ChatAdapterContext => ({ config, bot, http, db: handle.db, logger: silentLogger, now });

export interface DiscordOverHttp {
  handle: DatabaseHandle;
  bot: BotDependencies;
  discord: FakeDiscord;
  http: HttpServer;
  adapter: ChatAdapter;
  /** `POST` signed interactions here. */
  url: string;
  privateKey: KeyObject;
  /** The adapter's clock (`NOW` unless the harness was given one); requests are signed at its time. */
  now: () => Date;
  close(): Promise<void>;
}

/**
 * The Discord adapter answering HTTP interactions (no gateway) on the real shared HTTP server, on a PGlite
 * database holding the fixture corpus, talking to a fake Discord REST API.
 */
export async function startDiscordOverHttp(
  env: Record<string, string> = {},
  options: {
    now?: () => Date;
    attachmentLimit?: number;
    /** The database (default PGlite). */
    driver?: Driver;
    /** Changes to the bot's dependencies (a paper look-up, a slow store). */
    bot?: (bot: BotDependencies, handle: DatabaseHandle) => BotDependencies;
  } = {},
): Promise<DiscordOverHttp> {
  const now = options.now ?? (() => NOW);
  const handle = await openTestDatabase(options.driver ?? 'pglite');
  const stores = await botOn(handle);
  const bot = options.bot ? options.bot(stores, handle) : stores;
  const discord = await startFakeDiscord({
    applicationId: APPLICATION_ID,
    ...(options.attachmentLimit ? { attachmentLimit: options.attachmentLimit } : {}),
  });
  const { privateKey, publicKeyHex } = testKeyPair();
  const config = discordConfig({
    DISCORD_API_URL: discord.api,
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_GATEWAY: 'false',
    ...env,
  });
  const http = createHttpServer(silentLogger);
  const adapter = createDiscordAdapter(adapterContext(config, handle, bot, http, now));
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  return {
    handle,
    bot,
    discord,
    http,
    adapter,
    url: `http://127.0.0.1:${port}/discord/interactions`,
    privateKey,
    now,
    async close() {
      await adapter.stop();
      await http.close();
      await discord.close();
      await handle.close();
    },
  };
}

/** A test Ed25519 key pair, with the public key as the 64 hex characters the Developer Portal shows. */
export function testKeyPair(): { privateKey: KeyObject; publicKeyHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicKeyHex: der.subarray(der.length - 32).toString('hex') };
}

export const signRequest = (privateKey: KeyObject, timestamp: string, body: string): string =>
  sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');

/**
 * POSTs an interaction to `url` as Discord does: signed with `privateKey`, unless a `signature` is given, at
 * `timestamp` (default now; an adapter on a fixed clock needs its own "now").
 */
export function postInteraction(
  url: string,
  body: string,
  signing: { privateKey: KeyObject; signature?: string; timestamp?: string },
): Promise<Response> {
  const timestamp = signing.timestamp ?? String(Math.floor(Date.now() / 1000));
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

/**
 * Sends an interaction to the harness as Discord does (signed at the adapter's time), telling the fake Discord it
 * arrived so the messages its answer makes are kept in its channel; the initial response (the HTTP answer).
 */
export async function sendSigned(
  harness: Pick<DiscordOverHttp, 'discord' | 'url' | 'privateKey' | 'now'>,
  body: unknown,
): Promise<InitialResponse> {
  harness.discord.sawInteraction(body);
  const timestamp = String(Math.floor(harness.now().getTime() / 1000));
  const response = await postInteraction(harness.url, JSON.stringify(body), {
    privateKey: harness.privateKey,
    timestamp,
  });
  if (response.status !== 200)
    throw new Error(`interaction answered ${response.status}: ${await response.text()}`);
  const initial = (await response.json()) as InitialResponse;
  // Discord makes the answer's message once it has read it.
  harness.discord.answeredOverHttp((body as { token?: string }).token ?? '', initial);
  return initial;
}

/** What the user sees for an interaction sent with `sendSigned`: the response, or the edit after a deferral. */
export const seenAnswer = async (
  harness: Pick<DiscordOverHttp, 'discord' | 'url' | 'privateKey' | 'now'>,
  body: { token: string },
): Promise<SeenAnswer> => harness.discord.answerFor(body.token, await sendSigned(harness, body));

/** The user id of `commandInteraction`'s member. */
export const MEMBER_ID = '700000000000000001';

/**
 * A click on a message component as Discord sends it: a button (`custom_id`), or a string select with the
 * `values` chosen; by `userId` (default `MEMBER_ID`), on a message of paperboy's.
 */
export function componentInteraction(
  customId: string,
  extra: { token: string; values?: string[]; userId?: string; permissions?: string },
) {
  const base = commandInteraction('papers', [], {
    token: extra.token,
    id: '600000000000000009',
    ...(extra.permissions ? { permissions: extra.permissions } : {}),
  });
  const { data: _command, ...rest } = base;
  return {
    ...rest,
    type: 3,
    member: { ...base.member, user: { ...base.member.user, id: extra.userId ?? MEMBER_ID } },
    data: {
      custom_id: customId,
      component_type: extra.values ? 3 : 2,
      ...(extra.values ? { values: extra.values } : {}),
    },
    message: {
      id: '900000000000000001',
      channel_id: CHANNEL_ID,
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      type: 0,
      timestamp: '2026-07-14T08:00:00.000000+00:00',
      author: { id: '300000000000000001', username: 'paperboy', discriminator: '0', bot: true },
    },
  };
}

/** Every component of an answer's rows (buttons and select menus). */
export type SeenComponent = {
  type: number;
  custom_id: string;
  label?: string;
  options?: { label: string; value: string }[];
};
export const componentsOf = (data: { components?: unknown }): SeenComponent[] =>
  ((data.components ?? []) as { components: SeenComponent[] }[]).flatMap((row) => row.components);

/** The text of an answer's embeds (titles, descriptions, fields, footers) as read, markdown escapes removed. */
export const embedText = (data: { embeds?: unknown }): string =>
  (
    (data.embeds ?? []) as {
      title?: string;
      description?: string;
      fields?: { name: string; value: string }[];
      footer?: { text: string };
    }[]
  )
    .flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      ...(embed.fields ?? []).map((field) => `${field.name}: ${field.value}`),
      embed.footer?.text ?? '',
    ])
    .join('\n')
    .replace(/\\(.)/g, '$1');

/**
 * What `read` gives once it is not null or undefined: for work the adapter does after Discord has its answer
 * (recording a posted answer), which a test cannot await. Fails after `timeoutMs`.
 */
export async function eventually<T>(read: () => Promise<T | null | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The id of the message a `messageCommandInteraction` is run on (by default). */
export const TARGET_MESSAGE_ID = '910000000000000001';
/** The author of that message (another member than `MEMBER_ID`, who runs the command). */
export const AUTHOR_ID = '700000000000000042';

/** A message as Discord puts it in `resolved.messages` or a `MESSAGE_CREATE`: what a person wrote in the channel. */
export function channelMessage(
  content: string,
  extra: {
    id?: string;
    authorId?: string;
    bot?: boolean;
    webhookId?: string;
    embeds?: Record<string, unknown>[];
    guildId?: string;
    channelId?: string;
    type?: number;
  } = {},
) {
  return {
    id: extra.id ?? TARGET_MESSAGE_ID,
    channel_id: extra.channelId ?? CHANNEL_ID,
    ...(extra.guildId ? { guild_id: extra.guildId } : {}),
    type: extra.type ?? 0,
    content,
    author: {
      id: extra.authorId ?? AUTHOR_ID,
      username: extra.bot ? 'otherbot' : 'grace',
      discriminator: '0',
      global_name: extra.bot ? null : 'Grace',
      avatar: null,
      ...(extra.bot ? { bot: true } : {}),
    },
    ...(extra.webhookId ? { webhook_id: extra.webhookId } : {}),
    attachments: [],
    embeds: extra.embeds ?? [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    components: [],
    timestamp: '2026-07-14T07:55:00.000000+00:00',
    edited_timestamp: null,
  };
}

/**
 * The "Paper card" message command run by `MEMBER_ID` on a message, as Discord sends it: type 2 with `data.type` 3,
 * `target_id` and the message in `data.resolved.messages`.
 */
export function messageCommandInteraction(
  message: ReturnType<typeof channelMessage>,
  extra: { token: string; id?: string; name?: string },
) {
  const base = commandInteraction('Paper card', [], {
    token: extra.token,
    id: extra.id ?? '600000000000000077',
  });
  return {
    ...base,
    data: {
      id: '800000000000000009',
      name: extra.name ?? 'Paper card',
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
    },
  };
}
