import type { InitialResponse, SeenAnswer } from '../../helpers/fake-discord.js';
import {
  componentsOf,
  type DiscordOverHttp,
  embedText,
  type SeenComponent,
  sendSigned,
} from './discord-fixtures.js';
import {
  digestCommand,
  FIXTURE_CHANNEL,
  MANAGE_CHANNELS,
  modalSubmit,
  panelClick,
  type Where,
} from './panel-interactions.js';

type Harness = Pick<DiscordOverHttp, 'discord' | 'url' | 'privateKey' | 'now'>;

/** One answer: the initial response and what the member sees (the update, the new message or the modal). */
export interface PanelAnswer {
  initial: InitialResponse;
  seen: SeenAnswer;
  /** The text of the answer's embeds. */
  text: string;
}

/** A select or button of the panel as the member sees it, with its options' defaults. */
export type PanelComponent = Omit<SeenComponent, 'options'> & {
  options?: { label: string; value: string; default?: boolean }[];
  min_values?: number;
  max_values?: number;
};

let sessions = 0;

/**
 * A member using the settings panel through signed HTTP interactions: opens it (`/digest config`), clicks its
 * buttons and selects, opens and submits its modals, and keeps the panel as last drawn (as the member's client
 * would) to find the next control. An answer that is a new message (a refusal) leaves the panel as it was.
 */
export function createPanelSession(harness: Harness, options: { permissions?: string; where?: Where } = {}) {
  const permissions = options.permissions ?? MANAGE_CHANNELS;
  const where = options.where ?? FIXTURE_CHANNEL;
  const session = ++sessions;
  let tokens = 0;
  let panel: { components?: unknown; embeds?: unknown } | undefined;
  let messageId: string | undefined;
  const token = () => `panel-${session}-${++tokens}`;

  async function send(body: { token: string }): Promise<PanelAnswer> {
    const initial = await sendSigned(harness, body);
    const seen = await harness.discord.answerFor(body.token, initial);
    return { initial, seen, text: embedText(seen.data) };
  }

  /** An update redraws the panel; a new message with controls is a panel (opened), one without is not. */
  function keep(answer: PanelAnswer, body: { token: string }): PanelAnswer {
    const updated = answer.initial.type === 6 || answer.initial.type === 7;
    const opened =
      (answer.initial.type === 4 || answer.initial.type === 5) && componentsOf(answer.seen.data).length > 0;
    if (updated || opened) panel = answer.seen.data;
    if (opened) messageId = harness.discord.originalOf(body.token)?.id;
    return answer;
  }

  const placing = { permissions, where };
  const components = (): PanelComponent[] => (panel ? (componentsOf(panel) as PanelComponent[]) : []);
  const find = (id: string): PanelComponent | undefined =>
    components().find((component) =>
      id.endsWith('…') ? component.custom_id.startsWith(id.slice(0, -1)) : component.custom_id === id,
    );

  async function command(sub: string, commandOptions: { name: string; type: number; value: unknown }[] = []) {
    const body = digestCommand(sub, commandOptions, { token: token(), ...placing });
    return keep(await send(body), body);
  }

  return {
    /** The panel as last drawn. */
    get panel() {
      return panel;
    },
    /** Every control of the panel as last drawn. */
    components,
    /** The panel's text as last drawn. */
    text: (): string => (panel ? embedText(panel) : ''),
    /** The control whose `custom_id` is `id`, or starts with `prefix` for `prefix…`; undefined when there is none. */
    find,
    /** `/digest <sub>` with options (`config` without options: the panel). */
    command,
    /** Opens the panel with `/digest config`. */
    open() {
      return command('config');
    },
    /** Clicks a button, or picks `values` in a select (any values: a forged click sends what it likes). */
    async click(customId: string, values?: string[]) {
      const body = panelClick(customId, {
        token: token(),
        ...placing,
        ...(values ? { values } : {}),
        ...(messageId ? { messageId } : {}),
      });
      return keep(await send(body), body);
    },
    /** Submits the modal `customId` with what was typed into its text inputs. */
    async submit(customId: string, fields: Record<string, string>, extra: { fromMessage?: boolean } = {}) {
      const body = modalSubmit(customId, fields, {
        token: token(),
        ...placing,
        messageId: extra.fromMessage === false ? null : (messageId ?? '900000000000000001'),
      });
      return keep(await send(body), body);
    },
  };
}

export type PanelSession = ReturnType<typeof createPanelSession>;
