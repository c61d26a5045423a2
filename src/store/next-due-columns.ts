import type { ChannelRef, ChannelSettings } from '../core/channel.js';
import { storedNextDigest, storedNextRecap } from '../core/schedule/stored-next-due.js';

/**
 * The columns of a channel that tell the scheduler when its digest and weekly recap are next due, for settings
 * saved at `now`. Every write of a channel's schedules takes them from here, so no path can leave them stale.
 */
export function nextDueColumns(settings: ChannelSettings, now: Date) {
  return {
    nextDigestAt: storedNextDigest(settings.schedule, now),
    nextRecapAt: storedNextRecap(settings.recap, now),
  };
}

/**
 * A new channel's row, its schedules set at `setAt` (nothing is owed before): what `ensure` inserts, and what a
 * bulk insert (a benchmark, an import) should insert.
 */
export function newChannelRow(ref: ChannelRef, settings: ChannelSettings, setAt: Date) {
  return {
    platform: ref.platform,
    workspaceId: ref.workspaceId,
    channelId: ref.channelId,
    settings,
    scheduleChangedAt: setAt,
    recapChangedAt: setAt,
    ...nextDueColumns(settings, setAt),
  };
}
