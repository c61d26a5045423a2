import type { DigestDependencies } from '../digest/build-digest.js';
import type { BotDependencies } from './bot-dependencies.js';

/** What `buildDigest` reads, from the command handler's dependencies: the same digest the scheduler builds. */
export const digestDependenciesOf = (dependencies: BotDependencies): DigestDependencies => ({
  papers: dependencies.digestPapers,
  subscriptions: dependencies.subscriptions,
  ...(dependencies.feedback ? { feedback: dependencies.feedback } : {}),
  ...(dependencies.shares ? { shares: dependencies.shares } : {}),
  ...(dependencies.paperUpdates ? { updates: dependencies.paperUpdates } : {}),
});
