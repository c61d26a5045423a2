import type { ChannelRef } from '../channel.js';
import { countVotes } from '../relevance/channel-profile.js';
import type { BotDependencies } from './bot-dependencies.js';

/** How many votes the channel has given (0 without a feedback store), for `/papers settings`. */
export async function channelVotes(dependencies: BotDependencies, channel: ChannelRef): Promise<number> {
  return dependencies.feedback ? countVotes(await dependencies.feedback.signals(channel)) : 0;
}
