import type { ChannelSettings } from '../channel.js';
import type { FeedbackSignal } from '../ports.js';
import type { PaperDocument } from './paper-document.js';

/** Until a channel has given this many votes (👍, 👎 and saves, per person), its digest ranks as usual. */
export const LEARN_AFTER_VOTES = 5;

/** What one person's vote weighs in the profile: a save says a bit more than a 👍, a 👎 counts against. */
export const VOTE_WEIGHTS = { relevant: 1, notRelevant: -1, saved: 1.5 } as const;

/** How many votes a channel has given: every 👍, 👎 and save of every person. */
export const countVotes = (signals: readonly FeedbackSignal[]): number =>
  signals.reduce((sum, signal) => sum + signal.relevant + signal.notRelevant + signal.saved, 0);

/** What a paper's votes say, summed: positive when the channel liked or saved it more than it disliked it. */
export const signalWeight = (signal: FeedbackSignal): number =>
  VOTE_WEIGHTS.relevant * signal.relevant +
  VOTE_WEIGHTS.notRelevant * signal.notRelevant +
  VOTE_WEIGHTS.saved * signal.saved;

/** A paper the channel voted on, as the profile keeps it. */
export interface ProfileExample {
  document: PaperDocument;
  /** `signalWeight` of its votes: above 0 liked or saved, below 0 disliked. */
  weight: number;
  relevant: number;
  saved: number;
}

/** Whether learning shapes the channel's digest, and from how many votes. */
export type LearningState =
  | { kind: 'off' }
  | { kind: 'waiting'; votes: number }
  | { kind: 'on'; votes: number };

export function learningState(settings: Pick<ChannelSettings, 'learn'>, votes: number): LearningState {
  if (!settings.learn) return { kind: 'off' };
  return votes >= LEARN_AFTER_VOTES ? { kind: 'on', votes } : { kind: 'waiting', votes };
}

/**
 * The `/papers settings` line about learning.
 *
 * @example
 * describeLearning({ kind: 'waiting', votes: 2 }); // 'on, ranks as usual until 5 votes (2 so far)'
 */
export function describeLearning(state: LearningState): string {
  switch (state.kind) {
    case 'off':
      return 'off  (/papers config learn:on)';
    case 'waiting':
      return `on, ranks as usual until ${LEARN_AFTER_VOTES} votes (${state.votes} so far)`;
    case 'on':
      return `on, from ${state.votes} ${state.votes === 1 ? 'vote' : 'votes'}`;
  }
}
