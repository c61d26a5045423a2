import { describe, expect, it } from 'vitest';
import { SOURCE_PATTERN } from '../../../src/core/channel.js';
import {
  matchingTimezones,
  SOURCE_GROUPS,
  sourceGroupsWith,
  timezonesByRegion,
} from '../../../src/core/commands/form-options.js';
import { resolveTimezone, timezoneNames } from '../../../src/core/timezones.js';

describe('form options', () => {
  it('offers only timezones the schedule command accepts, each in one region', () => {
    const names = timezoneNames();
    expect(names).toContain('UTC');
    expect(names.every((name) => resolveTimezone(name).ok)).toBe(true);
    const regions = timezonesByRegion();
    expect([...regions.values()].flat().sort()).toEqual([...names].sort());
    expect(regions.get('Europe')).toContain('Europe/Berlin');
    expect(regions.get('Other')).toContain('UTC');
    // Current IANA names, which Node's Intl lists by their old ones, and which the command stores as typed.
    for (const current of ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh']) {
      expect(names).toContain(current);
      expect(resolveTimezone(current)).toEqual({ ok: true, value: current });
      expect(resolveTimezone(current.toLowerCase())).toEqual({ ok: true, value: current });
    }
    expect(names).not.toContain('Asia/Calcutta');
    expect(resolveTimezone('Asia/Calcutta')).toEqual({ ok: true, value: 'Asia/Calcutta' });
    expect(matchingTimezones('kolk', 5)).toEqual(['Asia/Kolkata']);
  });

  it('ranks timezones for type-ahead: names, then cities, then anywhere', () => {
    expect(matchingTimezones('europe/ber', 5)).toEqual(['Europe/Berlin']);
    expect(matchingTimezones('new york', 5)[0]).toBe('America/New_York');
    expect(matchingTimezones('berlin', 5)[0]).toBe('Europe/Berlin');
    expect(matchingTimezones('', 100)).toHaveLength(100);
    expect(matchingTimezones('zzzz', 5)).toEqual([]);
  });

  it('offers sources that sources: accepts, once each, and adds the channel’s own others', () => {
    const ids = SOURCE_GROUPS.flatMap((group) => group.sources.map((source) => source.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => SOURCE_PATTERN.test(id))).toBe(true);
    expect(sourceGroupsWith(['hf', 'cs.LG'])).toEqual(SOURCE_GROUPS);
    expect(sourceGroupsWith(['hf', 'hep-th']).at(-1)).toEqual({
      label: 'Also followed here',
      sources: [{ id: 'hep-th', name: 'hep-th' }],
    });
  });
});
