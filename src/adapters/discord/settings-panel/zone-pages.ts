import { timezoneRegion, timezonesByRegion } from '../../../core/commands/form-options.js';
import { DISCORD_LIMITS as L } from '../limits.js';

/** The regions timezones are in (`Africa` … `Other`): 11 today, within one select. */
export const zoneRegions = (): string[] => [...timezonesByRegion().keys()].slice(0, L.selectOptions);

/** A region's zones in pages of one select's worth (America has 144 zones: 6 pages). */
export function zonePages(region: string): string[][] {
  const zones = timezonesByRegion().get(region) ?? [];
  const pages: string[][] = [];
  for (let start = 0; start < zones.length; start += L.selectOptions)
    pages.push(zones.slice(start, start + L.selectOptions));
  return pages;
}

/**
 * Where a timezone is listed: its region and page; null for a name the lists do not hold (an alias such as
 * `US/Eastern` that `/digest schedule` accepted).
 */
export function zonePlace(timezone: string): { region: string; page: number } | null {
  const region = timezoneRegion(timezone);
  const page = zonePages(region).findIndex((zones) => zones.includes(timezone));
  return page < 0 ? null : { region, page };
}
