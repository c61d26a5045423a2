import { z } from 'zod';

export type Platform = 'slack' | 'discord' | 'console';
export const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'console'];

/**
 * Where a digest goes: a channel of a Slack workspace, a Discord guild, or the local console.
 *
 * @example
 * const channel: ChannelRef = { platform: 'slack', workspaceId: 'T024BE7LD', channelId: 'C0123456' };
 */
export interface ChannelRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

/** `slack:T024BE7LD:C0123456`, unique per channel; `console:local` for the console. */
export function channelKey(channel: ChannelRef): string {
  return channel.platform === 'console' && channel.channelId === 'local'
    ? 'console:local'
    : `${channel.platform}:${channel.workspaceId}:${channel.channelId}`;
}

export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', workspaceId: 'local', channelId: 'local' };

/** `daily`, `weekdays`, or a five-field cron expression evaluated in the schedule's timezone. */
export type ScheduleDays = { kind: 'daily' } | { kind: 'weekdays' } | { kind: 'cron'; expression: string };

export const scheduleSchema = z.object({
  enabled: z.boolean(),
  /** `HH:MM`, 24-hour clock, in `timezone`. Ignored for cron schedules. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** An IANA timezone such as `Europe/Berlin`. */
  timezone: z.string().min(1),
  days: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('daily') }),
    z.object({ kind: z.literal('weekdays') }),
    z.object({ kind: z.literal('cron'), expression: z.string().min(9) }),
  ]),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** The weekly recap: on one weekday at one time, in a timezone. */
export const recapScheduleSchema = z.object({
  enabled: z.boolean(),
  /** 0 (Sunday) to 6 (Saturday). */
  weekday: z.number().int().min(0).max(6),
  /** `HH:MM`, 24-hour clock, in `timezone`. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timezone: z.string().min(1),
});
export type RecapSchedule = z.infer<typeof recapScheduleSchema>;

/** `hf` for Hugging Face Daily Papers, or an arXiv category such as `cs.LG`. */
export const SOURCE_PATTERN = /^(hf|[a-z-]+(\.[A-Za-z-]+)?)$/;

export const channelSettingsSchema = z.object({
  schedule: scheduleSchema,
  /** How many trending papers a digest shows. */
  top: z.number().int().min(1).max(20),
  minUpvotes: z.number().int().min(0).max(100_000),
  sources: z.array(z.string().regex(SOURCE_PATTERN)).min(1).max(20),
  /** Details of each paper go in a thread under the digest message. */
  threads: z.boolean(),
  /** `digest`: matches wait for the daily digest; `instant`: posted after the ingest that found them. */
  alerts: z.enum(['digest', 'instant']),
  /** Post a short "no new papers today" message instead of staying silent. */
  postWhenEmpty: z.boolean(),
  /** Order and choose the digest's papers by what the channel liked, saved and disliked. */
  learn: z.boolean(),
  /**
   * A paper a teammate already shared here: `show` puts it in one compact line ("shared by @ada on Tue"), `hide`
   * leaves it out. Either way it is never presented as new.
   */
  shared: z.enum(['show', 'hide']),
  recap: recapScheduleSchema,
  /** A BCP 47 tag (`en`, `de`, `pt-BR`): the language of TL;DRs and answers here; titles stay as they are. */
  language: z.string().min(2).max(35),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

export const DEFAULT_SETTINGS: ChannelSettings = {
  schedule: { enabled: false, time: '09:00', timezone: 'UTC', days: { kind: 'weekdays' } },
  top: 5,
  minUpvotes: 0,
  sources: ['hf'],
  threads: true,
  alerts: 'digest',
  postWhenEmpty: true,
  learn: true,
  shared: 'show',
  recap: { enabled: false, weekday: 5, time: '16:00', timezone: 'UTC' },
  language: 'en',
};

/** A channel paperboy knows, with its settings and whether it may still post there. */
export interface Channel extends ChannelRef {
  settings: ChannelSettings;
  active: boolean;
  /** Why the channel was deactivated, e.g. `channel_not_found`. */
  inactiveReason: string | null;
}

/** Reads `console:local`, `slack:T024BE7LD:C0123456` or `discord:<guild>:<channel>` back into a channel. */
export function parseChannelKey(key: string): ChannelRef | null {
  if (key === 'console:local') return CONSOLE_CHANNEL;
  const [platform, workspaceId, channelId, ...rest] = key.split(':');
  if (rest.length > 0 || !workspaceId || !channelId) return null;
  if (!PLATFORMS.includes(platform as Platform)) return null;
  return { platform: platform as Platform, workspaceId, channelId };
}
