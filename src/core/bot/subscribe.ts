import { noticeCard } from '../cards/build-cards.js';
import type { Reply } from '../cards/card.js';
import type { Channel, ChannelRef } from '../channel.js';
import { describeSchedule } from '../schedule/describe-schedule.js';
import { SUBSCRIPTION_LIMITS, type SubscriptionTerm } from '../subscriptions/term.js';
import type { BotDependencies } from './bot-dependencies.js';
import { answered, userError } from './replies.js';

const list = (terms: SubscriptionTerm[]): string => terms.map((term) => term.text).join(', ');

/**
 * Adds terms to a channel, at most 50 in all; terms it already has are a friendly no-op. A channel whose
 * digest was never turned on gets it turned on with its first subscription, and is told so.
 */
export async function subscribe(
  dependencies: BotDependencies,
  channel: Channel,
  terms: SubscriptionTerm[],
  now: Date,
): Promise<Reply> {
  const current = await dependencies.subscriptions.list(channel);
  const known = new Set(current.map((term) => term.text.toLowerCase()));
  const fresh = terms.filter((term) => !known.has(term.text.toLowerCase()));
  if (current.length + fresh.length > SUBSCRIPTION_LIMITS.maxTermsPerChannel) {
    return userError({
      text: `A channel can follow at most ${SUBSCRIPTION_LIMITS.maxTermsPerChannel} terms; this one has ${current.length}, and ${fresh.length} more would be too many. Remove some first.`,
      example: `/papers unsubscribe ${current[0]?.text ?? 'lora'}`,
    });
  }
  const { added, existing } = await dependencies.subscriptions.add(channel, terms);
  const lines: string[] = [];
  if (added.length > 0) lines.push(`Subscribed to ${list(added)}.`);
  if (existing.length > 0) lines.push(`Already subscribed to ${list(existing)}.`);

  if (added.length > 0 && current.length === 0 && !channel.settings.schedule.enabled) {
    const schedule = { ...channel.settings.schedule, enabled: true };
    await dependencies.channels.updateSettings(channel, { ...channel.settings, schedule }, now);
    lines.push(
      `The daily digest is now on: ${describeSchedule(schedule, now)}. Change it with /papers schedule.`,
    );
  }
  return answered(noticeCard({ tone: added.length > 0 ? 'success' : 'info', text: lines.join('\n') }));
}

/** Removes terms; names the ones the channel did not have. */
export async function unsubscribe(
  dependencies: BotDependencies,
  channel: ChannelRef,
  terms: SubscriptionTerm[],
): Promise<Reply> {
  const { removed, missing } = await dependencies.subscriptions.remove(channel, terms);
  const lines: string[] = [];
  if (removed.length > 0) lines.push(`Unsubscribed from ${list(removed)}.`);
  if (missing.length > 0) lines.push(`This channel was not subscribed to ${list(missing)}.`);
  return answered(
    noticeCard(
      removed.length > 0
        ? { tone: 'success', text: lines.join('\n') }
        : { tone: 'info', text: lines.join('\n'), example: '/papers subscriptions' },
    ),
  );
}
