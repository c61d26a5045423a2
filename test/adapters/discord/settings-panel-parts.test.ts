import { describe, expect, it } from 'vitest';
import {
  type PanelControl,
  panelControlId,
  panelModalId,
  readPanelControl,
  readPanelModal,
} from '../../../src/adapters/discord/settings-panel/panel-ids.js';
import { offeredSources } from '../../../src/adapters/discord/settings-panel/source-options.js';
import {
  zonePages,
  zonePlace,
  zoneRegions,
} from '../../../src/adapters/discord/settings-panel/zone-pages.js';
import { SOURCE_GROUPS } from '../../../src/core/commands/form-options.js';

describe('panel custom_ids', () => {
  const controls: PanelControl[] = [
    { kind: 'section', section: 'switches' },
    { kind: 'region' },
    { kind: 'zone', region: 'America', page: 5 },
    { kind: 'zonePage', region: 'America', page: 1 },
    { kind: 'days' },
    { kind: 'timeModal', time: '07:45' },
    { kind: 'digest', enabled: false },
    { kind: 'digest', enabled: true },
    { kind: 'sources' },
    { kind: 'top' },
    { kind: 'minUpvotesModal', value: '100000' },
    { kind: 'languageModal', language: 'zh-Hant-TW' },
    { kind: 'switch', key: 'shared', value: 'hide' },
    { kind: 'subscriptionsModal' },
  ];

  it('reads back every control it writes, each id within 100 characters and unlike the others', () => {
    const ids = controls.map(panelControlId);
    expect(ids.map(readPanelControl)).toEqual(controls);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.max(...ids.map((id) => id.length))).toBeLessThanOrEqual(100);
    expect(panelControlId({ kind: 'zone', region: 'America', page: 2 })).toBe('p|zone|America|2');
  });

  it.each([
    'p|',
    'p|nope',
    'p|sec',
    'p|sec|billing',
    'p|zone|America',
    'p|zone|America|two',
    'p|zone|America|1|2',
    'p|set|top|7',
    'p|set|__proto__|x',
    'p|top|7',
    'p|on|now',
    'e|settings',
    'f|fb1:r:2606.93392',
  ])('reads %s as no control', (id) => {
    expect(readPanelControl(id)).toBeNull();
  });

  it('names its modals and reads back only those', () => {
    expect(
      ['time', 'minUpvotes', 'language', 'subscriptions'].map((modal) =>
        readPanelModal(panelModalId(modal as never)),
      ),
    ).toEqual(['time', 'minUpvotes', 'language', 'subscriptions']);
    expect(readPanelModal('p|m|top')).toBeNull();
    expect(readPanelModal('p|time|09:00')).toBeNull();
  });
});

describe('zone pages', () => {
  it('lists the regions in one select and a region in pages of at most 25, America in 6', () => {
    expect(zoneRegions()).toContain('Europe');
    expect(zoneRegions().length).toBeLessThanOrEqual(25);
    const america = zonePages('America');
    expect(america.map((page) => page.length)).toEqual([25, 25, 25, 25, 25, 19]);
    expect(zonePages('Mars')).toEqual([]);
  });

  it('finds where a zone is listed, and nowhere for an alias the lists do not hold', () => {
    expect(zonePlace('Europe/Berlin')).toEqual({ region: 'Europe', page: 0 });
    expect(zonePlace('America/New_York')).toEqual({ region: 'America', page: 4 });
    expect(zonePlace('UTC')).toEqual({ region: 'Other', page: 0 });
    expect(zonePlace('US/Eastern')).toBeNull();
  });
});

describe('offered sources', () => {
  it('offers 25 sources: Hugging Face and the most followed categories, in the order of the groups', () => {
    const offered = offeredSources(['hf']);
    expect(offered).toHaveLength(25);
    expect(offered.slice(0, 3).map((source) => source.id)).toEqual(['hf', 'cs.AI', 'cs.CL']);
    expect(offered[0]?.group).toBe('Hugging Face');
    expect(SOURCE_GROUPS.flatMap((group) => group.sources).length).toBeGreaterThan(25);
  });

  it("always offers the channel's own sources, even 20 unlisted ones, and never one twice", () => {
    const own = Array.from({ length: 20 }, (_, index) => `hep-th.X${index}`);
    const offered = offeredSources([...own, 'cs.LG']);
    expect(offered).toHaveLength(25);
    expect(offered.filter((source) => own.includes(source.id))).toHaveLength(20);
    expect(offered.find((source) => source.id === 'hep-th.X0')?.group).toBe('Also followed here');
    expect(new Set(offered.map((source) => source.id)).size).toBe(25);
  });
});
