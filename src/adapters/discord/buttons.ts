import { randomBytes } from 'node:crypto';
import type { APIActionRowComponent, APIButtonComponentWithCustomId } from 'discord.js';
import type { CardAction } from '../../core/cards/card.js';
import { DISCORD_LIMITS as L } from './limits.js';

const PREFIX: Record<CardAction['kind'], string> = { nextPage: 'n|', share: 's|' };
const KIND_BY_PREFIX = new Map(
  Object.entries(PREFIX).map(([kind, prefix]) => [prefix, kind as CardAction['kind']]),
);
/** Marks a custom_id whose page token was too long and is kept in memory under a short key. */
const STORED = 'k:';
const MAX_STORED = 5000;

/**
 * Turns card actions into Discord buttons and back. A page token goes into the button's `custom_id` as is; one
 * longer than Discord's 100 characters (a long query) is kept in memory under a random key instead. Such a
 * button stops working when the process restarts or on another replica: the core then answers "That button
 * has expired. Run the search again.", which is the honest outcome.
 */
export function createButtonCodec() {
  const stored = new Map<string, string>();

  const customId = (action: CardAction): string => {
    const inline = `${PREFIX[action.kind]}${action.value}`;
    if (inline.length <= L.customId) return inline;
    const key = randomBytes(9).toString('base64url');
    stored.set(key, action.value);
    if (stored.size > MAX_STORED) {
      const oldest = stored.keys().next().value;
      if (oldest !== undefined) stored.delete(oldest);
    }
    return `${PREFIX[action.kind]}${STORED}${key}`;
  };

  return {
    /** One row of buttons ("Next", "Share in channel"); none for a card without actions. */
    components(actions: CardAction[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
      if (actions.length === 0) return [];
      const buttons: APIButtonComponentWithCustomId[] = actions.slice(0, 5).map((action) => ({
        type: 2,
        style: action.kind === 'share' ? 1 : 2,
        label: action.kind === 'share' ? 'Share in channel' : action.label.slice(0, L.buttonLabel) || 'Next',
        custom_id: customId(action),
      }));
      return [{ type: 1, components: buttons }];
    },

    /** The action a clicked button stands for; null for a button that is not ours. */
    decode(id: string): { kind: CardAction['kind']; value: string } | null {
      const kind = KIND_BY_PREFIX.get(id.slice(0, 2));
      if (kind === undefined) return null;
      const rest = id.slice(2);
      if (!rest.startsWith(STORED)) return { kind, value: rest };
      return { kind, value: stored.get(rest.slice(STORED.length)) ?? '' };
    },
  };
}

export type ButtonCodec = ReturnType<typeof createButtonCodec>;
