import { noticeCard } from '../cards/build-cards.js';
import type { Reply } from '../cards/card.js';
import type { Channel } from '../channel.js';
import { buildDigest, deliveredItems } from '../digest/build-digest.js';
import { digestCard } from '../digest/digest-card.js';
import type { BotDependencies } from './bot-dependencies.js';
import { digestDependenciesOf } from './digest-dependencies.js';
import { answered } from './replies.js';

/**
 * `/papers digest`: builds the channel's digest now and posts it to the channel; its papers count as
 * delivered, so the scheduled digest will not repeat them.
 */
export async function postDigestNow(
  dependencies: BotDependencies,
  channel: Channel,
  now: Date,
): Promise<Reply> {
  const digest = await buildDigest(digestDependenciesOf(dependencies), channel, now);
  const card = digestCard(digest, { postWhenEmpty: channel.settings.postWhenEmpty });
  if (!card) {
    return answered(
      noticeCard({
        tone: 'info',
        text: 'No new papers right now, and this channel does not post empty digests.',
        example: '/papers config empty:on',
      }),
    );
  }
  await dependencies.digestPapers.markDelivered(channel, deliveredItems(digest), now);
  await dependencies.paperUpdates?.markMentioned(channel, digest.updates ?? [], now);
  return answered(card, 'channel');
}
