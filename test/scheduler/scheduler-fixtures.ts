import { sql } from 'drizzle-orm';
import {
  type ChannelRef,
  type ChannelSettings,
  DEFAULT_SETTINGS,
  type Schedule,
} from '../../src/core/channel.js';
import type { OutgoingMessage, Poster } from '../../src/core/delivery/poster.js';
import type { Logger } from '../../src/core/logger.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createChannelStore } from '../../src/store/channel-store.js';

export const daily = (time: string, timezone = 'UTC'): Schedule => ({
  enabled: true,
  time,
  timezone,
  days: { kind: 'daily' },
});

/** A channel with a schedule set at `setAt` (slots before it are not owed). */
export async function scheduledChannel(
  handle: DatabaseHandle,
  ref: ChannelRef,
  settings: Partial<ChannelSettings>,
  setAt: Date,
): Promise<void> {
  const channels = createChannelStore(handle.db);
  await channels.ensure(ref);
  await channels.updateSettings(ref, { ...DEFAULT_SETTINGS, ...settings }, setAt);
}

export async function resetScheduling(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(
    sql`truncate channels, subscriptions, delivered_papers, digest_slots, deliveries, cron_runs restart identity cascade`,
  );
}

/** A poster that records what it posts and fails as told, like a platform at the network edge. */
export function recordingPoster(
  platform: Poster['platform'],
  behave: (message: OutgoingMessage, call: number) => void = () => {},
  options: {
    supportsIdempotency?: boolean;
    /** Platform posts per message (a long digest, thread replies). */
    parts?: number;
    /** Drop the connection right after this part went out, on this call. */
    failAfterPart?: { call: number; part: number };
  } = {},
) {
  const posts: { key: string; channel: string; part: number }[] = [];
  let calls = 0;
  const poster: Poster = {
    platform,
    supportsIdempotency: options.supportsIdempotency ?? false,
    async post(message, onPartSent) {
      calls += 1;
      behave(message, calls);
      for (let part = message.partsSent; part < (options.parts ?? 1); part += 1) {
        posts.push({ key: message.idempotencyKey, channel: message.channel.channelId, part });
        await onPartSent(`${message.channel.channelId}-${part}`);
        if (options.failAfterPart?.call === calls && options.failAfterPart.part === part) {
          throw new Error(`connection reset after part ${part}`);
        }
      }
    },
  };
  return { poster, posts, calls: () => calls };
}

/** A promise the test opens when it chooses: `await opened` holds work until `open()`. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A logger that keeps its lines, to check what operators are told. */
export function capturingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const make = (bindings: Record<string, unknown>): Logger => ({
    debug: (message, fields = {}) =>
      lines.push({ level: 'debug', message, fields: { ...bindings, ...fields } }),
    info: (message, fields = {}) =>
      lines.push({ level: 'info', message, fields: { ...bindings, ...fields } }),
    warn: (message, fields = {}) =>
      lines.push({ level: 'warn', message, fields: { ...bindings, ...fields } }),
    error: (message, fields = {}) =>
      lines.push({ level: 'error', message, fields: { ...bindings, ...fields } }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return { logger: make({}), lines };
}
