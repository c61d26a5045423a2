import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APISelectMenuOption,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { PaperItem } from '../../core/cards/card.js';
import { stripControlChars } from '../../core/cards/sanitize.js';
import { truncateAtWord } from '../../core/cards/text.js';
import { FEEDBACK_KINDS, type FeedbackKind, feedbackValue } from '../../core/feedback/feedback.js';
import { DISCORD_LIMITS as L } from './limits.js';

/** Every feedback component's `custom_id` starts with this; Next and Share use `n|` and `s|`. */
export const FEEDBACK_PREFIX = 'f|';
/** A select menu's `custom_id` after the prefix: `pick:` and the kind's code (`r`, `n`, `s`). */
const PICK = 'pick:';

const KIND: Record<FeedbackKind, { emoji: string; word: string; code: string; placeholder: string }> = {
  relevant: { emoji: '👍', word: 'Relevant', code: 'r', placeholder: '👍 Relevant: pick a paper' },
  notRelevant: { emoji: '👎', word: 'Not relevant', code: 'n', placeholder: '👎 Not relevant: pick a paper' },
  save: { emoji: '🔖', word: 'Save', code: 's', placeholder: '🔖 Save: pick a paper' },
};
/** The title in a row's first button, so the row says which paper it is for. */
const ROW_TITLE_MAX = 40;

export type FeedbackRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/**
 * The 👍 👎 🔖 controls of a message's papers, within Discord's 5 action rows (`rows` of them are free):
 * - one paper: a row of three labelled buttons (`👍 Relevant`, `👎 Not relevant`, `🔖 Save`);
 * - as many papers as free rows: a row per paper, its first button naming it (`👍 3. Helix: Sparse…`);
 * - more: three select menus, one per kind, each listing the papers (at most 25), which take 3 rows whatever the
 *   number of papers, leaving one for Next and Share.
 * Buttons toggle with one click, so they are used whenever they fit. Each control carries the core's
 * `feedbackValue` (under 40 characters, so always within `custom_id`'s 100); a paper listed twice gets one
 * control (Discord refuses a message whose `custom_id`s repeat).
 *
 * @example
 * feedbackRows([helix], { start: 1, rows: 5 });
 * // [{ type: 1, components: [{ type: 2, custom_id: 'f|fb1:r:2606.93392', label: 'Relevant', emoji: { name: '👍' }, ... }, ...] }]
 */
export function feedbackRows(
  items: readonly PaperItem[],
  options: { start: number; rows: number },
): FeedbackRow[] {
  const numbered = distinct(items).map(({ item, index }) => ({ item, number: options.start + index }));
  if (numbered.length === 0 || options.rows < 1) return [];
  const [only] = numbered;
  if (numbered.length === 1 && only)
    return [row(FEEDBACK_KINDS.map((kind) => button(kind, only.item, KIND[kind].word)))];
  if (numbered.length <= options.rows) {
    return numbered.map(({ item, number }) =>
      row(
        FEEDBACK_KINDS.map((kind, index) =>
          button(kind, item, index === 0 ? rowTitle(number, item) : undefined),
        ),
      ),
    );
  }
  if (options.rows < FEEDBACK_KINDS.length) return [];
  const listed = numbered.slice(0, L.selectOptions);
  return FEEDBACK_KINDS.map((kind) =>
    row([
      {
        type: ComponentType.StringSelect,
        custom_id: `${FEEDBACK_PREFIX}${PICK}${KIND[kind].code}`,
        placeholder: KIND[kind].placeholder,
        min_values: 1,
        max_values: 1,
        options: listed.map(
          ({ item, number }): APISelectMenuOption => ({
            label: optionLabel(number, item, L.selectLabel),
            value: feedbackValue(kind, item.id),
          }),
        ),
      },
    ]),
  );
}

/**
 * The feedback value a clicked component carries, for `handleFeedback`; null when the component is not a
 * feedback control. A select must come with exactly one value, of its own kind: anything else (a forged body)
 * gives `''`, which the core answers with "that button no longer works".
 *
 * @example
 * feedbackOfComponent({ custom_id: 'f|fb1:s:2606.93392' }); // 'fb1:s:2606.93392'
 * feedbackOfComponent({ custom_id: 'f|pick:s', values: ['fb1:s:2606.93392'] }); // 'fb1:s:2606.93392'
 * feedbackOfComponent({ custom_id: 'f|pick:s', values: ['fb1:r:2606.93392'] }); // ''
 */
export function feedbackOfComponent(data: { custom_id: string; values?: readonly string[] }): string | null {
  if (!data.custom_id.startsWith(FEEDBACK_PREFIX)) return null;
  const rest = data.custom_id.slice(FEEDBACK_PREFIX.length);
  if (!rest.startsWith(PICK)) return data.values === undefined ? rest : '';
  const code = rest.slice(PICK.length);
  const [value, ...more] = data.values ?? [];
  const kind = FEEDBACK_KINDS.find((candidate) => KIND[candidate].code === code);
  if (kind === undefined || value === undefined || more.length > 0) return '';
  return value.startsWith(`fb1:${KIND[kind].code}:`) ? value : '';
}

const distinct = (items: readonly PaperItem[]) => {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    if (seen.has(item.id)) return [];
    seen.add(item.id);
    return [{ item, index }];
  });
};

const row = (components: APIComponentInMessageActionRow[]): FeedbackRow => ({
  type: ComponentType.ActionRow,
  components,
});

const button = (
  kind: FeedbackKind,
  item: PaperItem,
  label: string | undefined,
): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  style: kind === 'save' ? ButtonStyle.Primary : ButtonStyle.Secondary,
  custom_id: `${FEEDBACK_PREFIX}${feedbackValue(kind, item.id)}`,
  emoji: { name: KIND[kind].emoji },
  ...(label ? { label: label.slice(0, L.buttonLabel) } : {}),
});

/** `3. Helix: Sparse Attention…`: labels are plain text (no markdown), but never control characters. */
const optionLabel = (number: number, item: PaperItem, max: number): string => {
  const prefix = `${number}. `;
  const title = truncateAtWord(stripControlChars(item.title), max - prefix.length);
  return `${prefix}${title || `arXiv ${item.id}`}`.slice(0, max);
};

const rowTitle = (number: number, item: PaperItem): string => optionLabel(number, item, ROW_TITLE_MAX);
