import { noticeCard } from '../cards/build-cards.js';
import type { Card, CardAction } from '../cards/card.js';
import type { Channel } from '../channel.js';
import { languageName } from '../language.js';
import { describeLearning, learningState } from '../relevance/channel-profile.js';
import { describeRecap } from '../schedule/describe-recap.js';
import { describeSchedule } from '../schedule/describe-schedule.js';
import type { SubscriptionTerm } from '../subscriptions/term.js';

/** Opens the platform's settings form for the channel (the click says which channel; the value is not read). */
export const EDIT_SETTINGS: CardAction = { kind: 'editSettings', label: 'Edit settings', value: 'settings' };

const onOff = (value: boolean): string => (value ? 'on' : 'off');

/**
 * Everything a channel has set, one line per setting, with the command that changes it; `votes` is how many
 * votes the channel has given, for the line about learning.
 */
export function settingsCard(channel: Channel, terms: SubscriptionTerm[], now: Date, votes = 0): Card {
  const { settings } = channel;
  const lines = [
    `Digest: ${describeSchedule(settings.schedule, now)}  (/papers schedule 09:30 Europe/Berlin weekdays)`,
    `Weekly recap: ${describeRecap(settings.recap, now)}  (/papers schedule recap fri 16:00 Europe/Berlin)`,
    `Papers per digest: ${settings.top} · minimum upvotes: ${settings.minUpvotes}  (/papers config top:7 min-upvotes:10)`,
    `Sources: ${settings.sources.join(', ')}  (/papers config sources:hf,cs.LG)`,
    `Threads: ${onOff(settings.threads)} · alerts: ${settings.alerts} · "no new papers" message: ${onOff(settings.postWhenEmpty)}`,
    `Learning from votes: ${describeLearning(learningState(settings, votes))}`,
    `Papers a teammate shared here: ${settings.shared === 'show' ? 'one line "shared by …"' : 'left out'}  (/papers config shared:hide)`,
    `Language of TL;DRs and answers: ${languageName(settings.language)} (${settings.language})  (/papers config language:de)`,
    `Subscriptions: ${terms.length === 0 ? 'none' : terms.map((term) => term.text).join(', ')}`,
    channel.active
      ? 'Status: active'
      : `Status: inactive (${channel.inactiveReason ?? 'no reason recorded'})`,
  ];
  return {
    ...noticeCard({ tone: 'info', text: lines.join('\n') }, 'Settings for this channel'),
    actions: [EDIT_SETTINGS],
  };
}

/** The channel's subscription terms, or how to add the first one. */
export function subscriptionsCard(terms: SubscriptionTerm[]): Card {
  if (terms.length === 0) {
    return noticeCard(
      {
        tone: 'info',
        text: 'This channel has no subscriptions yet.',
        example: '/papers subscribe lora "vision language" -survey',
      },
      'Subscriptions',
    );
  }
  return noticeCard(
    { tone: 'info', text: terms.map((term) => `• ${term.text}`).join('\n') },
    `Subscriptions (${terms.length})`,
  );
}
