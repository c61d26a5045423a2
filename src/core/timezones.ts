import { editDistance } from './edit-distance.js';
import { err, ok, type Result } from './result.js';

/** Characters of IANA names (`America/Port-au-Prince`, `Etc/GMT+5`); anything else is rejected before Intl. */
const TIMEZONE_CHARS = /^[A-Za-z0-9_+\-/]{1,64}$/;
/** Longer inputs get no suggestion: they are not a typo of a timezone, and distances would cost time. */
const MAX_SUGGESTION_INPUT = 40;

/**
 * Zones IANA renamed that Node 20's Intl still lists by their old names (ICU keeps them for compatibility):
 * people look for and type the current ones.
 */
const RENAMED_ZONES: ReadonlyMap<string, string> = new Map([
  ['Africa/Asmera', 'Africa/Asmara'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['America/Catamarca', 'America/Argentina/Catamarca'],
  ['America/Coral_Harbour', 'America/Atikokan'],
  ['America/Cordoba', 'America/Argentina/Cordoba'],
  ['America/Godthab', 'America/Nuuk'],
  ['America/Indianapolis', 'America/Indiana/Indianapolis'],
  ['America/Jujuy', 'America/Argentina/Jujuy'],
  ['America/Louisville', 'America/Kentucky/Louisville'],
  ['America/Mendoza', 'America/Argentina/Mendoza'],
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['Asia/Rangoon', 'Asia/Yangon'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['Atlantic/Faeroe', 'Atlantic/Faroe'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['Pacific/Enderbury', 'Pacific/Kanton'],
  ['Pacific/Ponape', 'Pacific/Pohnpei'],
  ['Pacific/Truk', 'Pacific/Chuuk'],
]);

let currentNames: readonly string[] | undefined;
let knownNames: ReadonlyMap<string, string> | undefined;

/** Every timezone Intl lists, by its current IANA name (`Asia/Kolkata`, not `Asia/Calcutta`), plus `UTC`, sorted. */
export function timezoneNames(): readonly string[] {
  currentNames ??= [
    ...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((name) => RENAMED_ZONES.get(name) ?? name)),
  ].sort();
  return currentNames;
}

/** Every name Intl lists and every current name, keyed by lowercase name. */
const timezonesByLowercase = (): ReadonlyMap<string, string> => {
  knownNames ??= new Map(
    [...Intl.supportedValuesOf('timeZone'), ...timezoneNames()].map((name): [string, string] => [
      name.toLowerCase(),
      name,
    ]),
  );
  return knownNames;
};

/**
 * Reads a timezone typed by a user: an IANA name in any case (`europe/berlin` is `Europe/Berlin`), `UTC`, or
 * another name Intl accepts (`Asia/Kolkata`, `US/Eastern`). A listed name comes back in its canonical case; an
 * alias typed with capitals is kept as typed, one typed all in lowercase becomes the name Intl resolves it to.
 * On failure, suggests the closest known name, also matching the city alone (`Berlin` → `Europe/Berlin`).
 *
 * @example
 * resolveTimezone('europe/berlin'); // ok('Europe/Berlin')
 * resolveTimezone('Europe/Berln');  // err({ suggestion: 'Europe/Berlin' })
 */
export function resolveTimezone(input: string): Result<string, { suggestion?: string }> {
  const name = input.trim();
  const known = timezonesByLowercase().get(name.toLowerCase());
  if (known !== undefined) return ok(known);
  const resolved = TIMEZONE_CHARS.test(name) ? intlTimezone(name) : undefined;
  if (resolved !== undefined) return ok(name === name.toLowerCase() ? resolved : name);
  const suggestion = suggestTimezone(name);
  return err(suggestion === undefined ? {} : { suggestion });
}

/** The name Intl resolves `name` to, or undefined when Intl rejects it (with a RangeError, its only signal). */
const intlTimezone = (name: string): string | undefined => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
};

/** The known name closest to `input`, compared whole and by its last part; none when nothing is near. */
const suggestTimezone = (input: string): string | undefined => {
  const needle = input.toLowerCase().replace(/\s+/g, '_');
  if (needle.length === 0 || needle.length > MAX_SUGGESTION_INPUT) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(needle.length / 3)) + 1;
  for (const [lower, name] of timezonesByLowercase()) {
    const city = lower.slice(lower.lastIndexOf('/') + 1);
    const distance = Math.min(editDistance(needle, lower), editDistance(needle, city));
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
};
