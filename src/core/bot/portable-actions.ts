import type { Card } from '../cards/card.js';
import type { InteractionState } from '../ports.js';

/**
 * The longest action value every platform carries as it is: Discord's `custom_id` holds 100 characters and
 * adapters put a two-character kind before the value. Slack's limit (2,000) is far above it.
 */
export const ACTION_VALUE_MAX = 98;

/** How long a stored value keeps working: about as long as anyone scrolls back to click a button. */
export const STORED_VALUE_TTL_MS = 30 * 86_400_000;

/** Marks a value kept in interaction state; page tokens start with their version (`pb1:`), never with this. */
const STORED = 'k:';

/**
 * The card with every action value longer than `ACTION_VALUE_MAX` kept in interaction state and replaced by its
 * short key, so the button works on any replica and after a restart. Without a state store values stay as they
 * are (an adapter with a small limit then answers the click as expired).
 */
export async function portableActions(
  card: Card,
  state: InteractionState | undefined,
  now: Date,
): Promise<Card> {
  if (!state || card.actions.every((action) => action.value.length <= ACTION_VALUE_MAX)) return card;
  const expiresAt = new Date(now.getTime() + STORED_VALUE_TTL_MS);
  const actions = await Promise.all(
    card.actions.map(async (action) =>
      action.value.length <= ACTION_VALUE_MAX
        ? action
        : { ...action, value: `${STORED}${await state.put(action.value, expiresAt)}` },
    ),
  );
  return { ...card, actions };
}

/** The value a clicked action stands for: itself, or what its key stands for (null when unknown or expired). */
export async function resolveActionValue(
  value: string,
  state: InteractionState | undefined,
  now: Date,
): Promise<string | null> {
  if (!value.startsWith(STORED)) return value;
  return state ? state.get(value.slice(STORED.length), now) : null;
}
