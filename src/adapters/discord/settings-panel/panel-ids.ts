/** The panel's parts, one at a time under its row of section buttons. */
export const PANEL_SECTIONS = ['schedule', 'sources', 'switches', 'subscriptions'] as const;
export type PanelSection = (typeof PANEL_SECTIONS)[number];

/** The settings a switch button flips, and the values each may be set to. */
export const SWITCHES = {
  threads: ['on', 'off'],
  alerts: ['digest', 'instant'],
  empty: ['on', 'off'],
  learn: ['on', 'off'],
  shared: ['show', 'hide'],
} as const;
export type SwitchKey = keyof typeof SWITCHES;

/**
 * A control of the settings panel, as its `custom_id` carries it. Everything a click needs that is not in the
 * stored settings travels in the id (the region and page of a zone list, the value a switch sets, what a modal
 * starts with), so any replica answers any click, also after a restart.
 */
export type PanelControl =
  | { kind: 'section'; section: PanelSection }
  | { kind: 'region' }
  | { kind: 'zone'; region: string; page: number }
  | { kind: 'zonePage'; region: string; page: number }
  | { kind: 'days' }
  | { kind: 'timeModal'; time: string }
  | { kind: 'digest'; enabled: boolean }
  | { kind: 'sources' }
  | { kind: 'top' }
  | { kind: 'minUpvotesModal'; value: string }
  | { kind: 'languageModal'; language: string }
  | { kind: 'switch'; key: SwitchKey; value: string }
  | { kind: 'subscriptionsModal' };

/** The controls that open a modal (the rest save or redraw at once). */
export type ModalControl = Extract<
  PanelControl,
  { kind: 'timeModal' | 'minUpvotesModal' | 'languageModal' | 'subscriptionsModal' }
>;
const MODAL_CONTROLS: readonly PanelControl['kind'][] = [
  'timeModal',
  'minUpvotesModal',
  'languageModal',
  'subscriptionsModal',
];
export const opensModal = (control: PanelControl): control is ModalControl =>
  MODAL_CONTROLS.includes(control.kind);

/** The panel's modals, by the `custom_id` of the modal itself. */
export type PanelModal = 'time' | 'minUpvotes' | 'language' | 'subscriptions';

/** Every panel control's `custom_id` starts with this (`e|` opens the panel from the settings card). */
export const PANEL_PREFIX = 'p|';
const MODAL_PREFIX = `${PANEL_PREFIX}m|`;
const MODAL_IDS: Record<PanelModal, string> = {
  time: 'time',
  minUpvotes: 'minup',
  language: 'lang',
  subscriptions: 'subs',
};

/**
 * A control's `custom_id`: `p|` then its kind and fields, `|`-separated (no field can hold `|`: regions,
 * setting names and values, `HH:MM`, numbers and language tags).
 *
 * @example
 * panelControlId({ kind: 'zone', region: 'America', page: 2 }); // 'p|zone|America|2'
 */
export function panelControlId(control: PanelControl): string {
  const fields = ((): (string | number)[] => {
    switch (control.kind) {
      case 'section':
        return ['sec', control.section];
      case 'zone':
      case 'zonePage':
        return [control.kind === 'zone' ? 'zone' : 'zpage', control.region, control.page];
      case 'timeModal':
        return ['time', control.time];
      case 'digest':
        return [control.enabled ? 'on' : 'off'];
      case 'minUpvotesModal':
        return ['minup', control.value];
      case 'languageModal':
        return ['lang', control.language];
      case 'switch':
        return ['set', control.key, control.value];
      case 'region':
        return ['reg'];
      case 'days':
        return ['days'];
      case 'sources':
        return ['src'];
      case 'top':
        return ['top'];
      case 'subscriptionsModal':
        return ['subs'];
    }
  })();
  return `${PANEL_PREFIX}${fields.join('|')}`;
}

const PAGE = /^\d{1,3}$/;

/**
 * The control a `custom_id` names, or null when it is not one (a forged or outdated id). Only the shape (and
 * which switches there are) is checked here; values (a region, a switch's value) are checked where they are used.
 */
export function readPanelControl(id: string): PanelControl | null {
  if (!id.startsWith(PANEL_PREFIX)) return null;
  const [kind, first, second, ...rest] = id.slice(PANEL_PREFIX.length).split('|');
  if (rest.length > 0) return null;
  const none = first === undefined && second === undefined;
  const one = first !== undefined && second === undefined;
  switch (kind) {
    case 'sec':
      return one && (PANEL_SECTIONS as readonly string[]).includes(first)
        ? { kind: 'section', section: first as PanelSection }
        : null;
    case 'zone':
    case 'zpage':
      return first && second !== undefined && PAGE.test(second)
        ? { kind: kind === 'zone' ? 'zone' : 'zonePage', region: first, page: Number(second) }
        : null;
    case 'time':
      return one ? { kind: 'timeModal', time: first } : null;
    case 'minup':
      return one ? { kind: 'minUpvotesModal', value: first } : null;
    case 'lang':
      return one ? { kind: 'languageModal', language: first } : null;
    case 'set':
      return first && Object.hasOwn(SWITCHES, first) && second !== undefined
        ? { kind: 'switch', key: first as SwitchKey, value: second }
        : null;
    case 'on':
    case 'off':
      return none ? { kind: 'digest', enabled: kind === 'on' } : null;
    case 'reg':
      return none ? { kind: 'region' } : null;
    case 'days':
      return none ? { kind: 'days' } : null;
    case 'src':
      return none ? { kind: 'sources' } : null;
    case 'top':
      return none ? { kind: 'top' } : null;
    case 'subs':
      return none ? { kind: 'subscriptionsModal' } : null;
    default:
      return null;
  }
}

/** A panel modal's `custom_id`: `p|m|time`. */
export const panelModalId = (modal: PanelModal): string => `${MODAL_PREFIX}${MODAL_IDS[modal]}`;

/** The panel modal a submitted `custom_id` names, or null. */
export function readPanelModal(id: string): PanelModal | null {
  if (!id.startsWith(MODAL_PREFIX)) return null;
  const name = id.slice(MODAL_PREFIX.length);
  const found = (Object.entries(MODAL_IDS) as [PanelModal, string][]).find(([, short]) => short === name);
  return found ? found[0] : null;
}
