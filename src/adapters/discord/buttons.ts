import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { CardAction } from '../../core/cards/card.js';
import { DISCORD_LIMITS as L } from './limits.js';

const PREFIX: Record<CardAction['kind'], string> = { nextPage: 'n|', share: 's|', editSettings: 'e|' };
const KIND_BY_PREFIX = new Map(
  Object.entries(PREFIX).map(([kind, prefix]) => [prefix, kind as CardAction['kind']]),
);

/**
 * Turns card actions into Discord buttons and back: `custom_id` is the action's kind and its value. The core
 * keeps every value within `ACTION_VALUE_MAX` (a longer one is stored in Postgres under a short key), so a
 * button works on any replica and after a restart.
 */
export function createButtonCodec() {
  return {
    /** One row of buttons ("Next", "Share in channel"); none for a card without actions. */
    components(actions: CardAction[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
      const fitting = actions.filter(
        (action) => PREFIX[action.kind].length + action.value.length <= L.customId,
      );
      if (fitting.length === 0) return [];
      const buttons: APIButtonComponentWithCustomId[] = fitting.slice(0, 5).map((action) => ({
        type: ComponentType.Button,
        style: action.kind === 'share' ? ButtonStyle.Primary : ButtonStyle.Secondary,
        label: action.kind === 'share' ? 'Share in channel' : action.label.slice(0, L.buttonLabel) || 'Next',
        custom_id: `${PREFIX[action.kind]}${action.value}`,
      }));
      return [{ type: ComponentType.ActionRow, components: buttons }];
    },

    /** The action a clicked button stands for; null for a button that is not ours. */
    decode(id: string): { kind: CardAction['kind']; value: string } | null {
      const kind = KIND_BY_PREFIX.get(id.slice(0, 2));
      return kind === undefined ? null : { kind, value: id.slice(2) };
    },
  };
}

export type ButtonCodec = ReturnType<typeof createButtonCodec>;
