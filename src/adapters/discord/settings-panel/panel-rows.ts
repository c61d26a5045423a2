import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APISelectMenuOption,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { ChannelSettings } from '../../../core/channel.js';
import {
  FORM_WEEKDAYS,
  scheduleFormOf,
  settingsFormOf,
  WEEKDAY_LABELS,
} from '../../../core/commands/form-values.js';
import { MAX_SOURCES } from '../../../core/commands/parse-config.js';
import { DISCORD_LIMITS as L } from '../limits.js';
import {
  PANEL_SECTIONS,
  type PanelControl,
  type PanelSection,
  panelControlId,
  SWITCHES,
} from './panel-ids.js';
import type { PanelView } from './panel-view.js';
import { offeredSources } from './source-options.js';
import { zonePages, zonePlace, zoneRegions } from './zone-pages.js';

export type PanelRow = APIActionRowComponent<APIComponentInMessageActionRow>;

const SECTION_LABELS: Record<PanelSection, string> = {
  schedule: 'Schedule',
  sources: 'Sources & top',
  switches: 'Switches',
  subscriptions: 'Subscriptions',
};
const TOPS = Array.from({ length: 20 }, (_, index) => index + 1);

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;
const row = (...components: APIComponentInMessageActionRow[]): PanelRow => ({
  type: ComponentType.ActionRow,
  components,
});
const button = (
  control: PanelControl,
  label: string,
  style: APIButtonComponentWithCustomId['style'] = ButtonStyle.Secondary,
): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  style,
  label: clip(label, L.buttonLabel),
  custom_id: panelControlId(control),
});
const option = (
  value: string,
  label: string,
  picked: boolean,
  description?: string,
): APISelectMenuOption => ({
  value,
  label: clip(label, L.selectLabel),
  ...(description ? { description: clip(description, L.selectLabel) } : {}),
  ...(picked ? { default: true } : {}),
});
const select = (
  control: PanelControl,
  placeholder: string,
  options: APISelectMenuOption[],
  values: { min: number; max: number } = { min: 1, max: 1 },
): APIStringSelectComponent => ({
  type: ComponentType.StringSelect,
  custom_id: panelControlId(control),
  placeholder: clip(placeholder, L.selectPlaceholder),
  options,
  min_values: values.min,
  max_values: values.max,
});

/** The row of section buttons; the one shown is highlighted. */
const sectionRow = (shown: PanelSection): PanelRow =>
  row(
    ...PANEL_SECTIONS.map((section) =>
      button(
        { kind: 'section', section },
        SECTION_LABELS[section],
        section === shown ? ButtonStyle.Primary : ButtonStyle.Secondary,
      ),
    ),
  );

/** Region, then that region's zones (a page at a time), the days, and buttons for the time, pages and on/off. */
function scheduleRows(settings: ChannelSettings, view: PanelView): PanelRow[] {
  const form = scheduleFormOf(settings.schedule);
  const zones = view.zones ?? zonePlace(form.timezone);
  const rows = [
    row(
      select(
        { kind: 'region' },
        'Timezone: pick a region',
        zoneRegions().map((region) => option(region, region, region === zones?.region)),
      ),
    ),
  ];
  const pages = zones ? zonePages(zones.region) : [];
  const page = zones ? Math.min(Math.max(zones.page, 0), pages.length - 1) : 0;
  const listed = pages[page] ?? [];
  if (zones && listed.length > 0) {
    const paging = pages.length > 1 ? ` (page ${page + 1} of ${pages.length})` : '';
    rows.push(
      row(
        select(
          { kind: 'zone', region: zones.region, page },
          `Timezone in ${zones.region}${paging}`,
          listed.map((zone) => option(zone, zone, zone === form.timezone)),
        ),
      ),
    );
  }
  rows.push(
    row(
      select(
        { kind: 'days' },
        'Days to post on',
        FORM_WEEKDAYS.map((day) => option(day, WEEKDAY_LABELS[day], form.days.includes(day))),
        { min: 1, max: FORM_WEEKDAYS.length },
      ),
    ),
  );
  const buttons = [button({ kind: 'timeModal', time: form.time }, `Time: ${form.time} · change`)];
  if (zones && page > 0)
    buttons.push(button({ kind: 'zonePage', region: zones.region, page: page - 1 }, '◀ Earlier zones'));
  if (zones && page < pages.length - 1)
    buttons.push(button({ kind: 'zonePage', region: zones.region, page: page + 1 }, 'Later zones ▶'));
  buttons.push(
    settings.schedule.enabled
      ? button({ kind: 'digest', enabled: false }, 'Turn the digest off', ButtonStyle.Danger)
      : button({ kind: 'digest', enabled: true }, 'Turn the digest on', ButtonStyle.Success),
  );
  rows.push(row(...buttons));
  return rows;
}

/** The sources (a multi-select), papers per digest, and the minimum upvotes and language (buttons opening modals). */
function sourcesRows(settings: ChannelSettings): PanelRow[] {
  const sources = offeredSources(settings.sources);
  return [
    row(
      select(
        { kind: 'sources' },
        'Sources',
        sources.map((source) =>
          option(
            source.id,
            `${source.id} · ${source.name}`,
            settings.sources.includes(source.id),
            source.group,
          ),
        ),
        { min: 1, max: Math.min(MAX_SOURCES, sources.length) },
      ),
    ),
    row(
      select(
        { kind: 'top' },
        'Papers per digest',
        TOPS.map((top) => option(String(top), `${top} per digest`, top === settings.top)),
      ),
    ),
    row(
      button(
        { kind: 'minUpvotesModal', value: String(settings.minUpvotes) },
        `Minimum upvotes: ${settings.minUpvotes} · change`,
      ),
      button(
        { kind: 'languageModal', language: settings.language },
        `Language: ${settings.language} · change`,
      ),
    ),
  ];
}

const SWITCH_LABELS: Record<keyof typeof SWITCHES, string> = {
  threads: 'Threads',
  alerts: 'Alerts',
  empty: '"No new papers" message',
  learn: 'Learning from votes',
  shared: 'Shared papers',
};

/** One button per switch, saying its state; a click sets the other value (carried in the button). */
function switchesRows(settings: ChannelSettings): PanelRow[] {
  const form = settingsFormOf(settings);
  const state: Record<keyof typeof SWITCHES, string> = {
    threads: form.threads ? 'on' : 'off',
    alerts: settings.alerts,
    empty: form.empty ? 'on' : 'off',
    learn: form.learn ? 'on' : 'off',
    shared: settings.shared,
  };
  return [
    row(
      ...(Object.keys(SWITCHES) as (keyof typeof SWITCHES)[]).map((key) => {
        const [first, second] = SWITCHES[key];
        const now = state[key];
        const style = now === first ? ButtonStyle.Success : ButtonStyle.Secondary;
        return button(
          { kind: 'switch', key, value: now === first ? second : first },
          `${SWITCH_LABELS[key]}: ${now}`,
          style,
        );
      }),
    ),
  ];
}

const subscriptionsRows = (): PanelRow[] => [
  row(button({ kind: 'subscriptionsModal' }, 'Add or remove terms', ButtonStyle.Primary)),
];

/**
 * The panel's components for a view: the section buttons, then the section's controls (at most 4 more rows),
 * each select showing the stored values as its defaults.
 */
export function panelRows(settings: ChannelSettings, view: PanelView): PanelRow[] {
  const rows = (() => {
    switch (view.section) {
      case 'schedule':
        return scheduleRows(settings, view);
      case 'sources':
        return sourcesRows(settings);
      case 'switches':
        return switchesRows(settings);
      case 'subscriptions':
        return subscriptionsRows();
    }
  })();
  return [sectionRow(view.section), ...rows];
}
