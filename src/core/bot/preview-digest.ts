import type { Card, Reply } from '../cards/card.js';
import type { Channel } from '../channel.js';
import { buildDigest, type Digest, type DigestItem } from '../digest/build-digest.js';
import { digestCard, formatDay } from '../digest/digest-card.js';
import { formatNext } from '../schedule/describe-schedule.js';
import { nextDueAt } from '../schedule/due-times.js';
import type { BotDependencies } from './bot-dependencies.js';
import { digestDependenciesOf } from './digest-dependencies.js';
import { answered } from './replies.js';

/**
 * `/papers preview`: the digest the channel would get at its next slot (or now, without a schedule), built as the
 * scheduler builds it but neither posted nor recorded, shown only to the asker, each paper with why it is there:
 * its rank on the Daily Papers, the term it matches, or what the channel's votes saw in it. Papers a teammate
 * shared and "since you saw it" lines show as they would.
 */
export async function previewDigest(
  dependencies: BotDependencies,
  channel: Channel,
  now: Date,
): Promise<Reply> {
  const { schedule } = channel.settings;
  const next = nextDueAt(schedule, now);
  const digest = await buildDigest(digestDependenciesOf(dependencies), channel, next ?? now);
  const card = digestCard(digest, { postWhenEmpty: true }) as Card;
  const when = next
    ? `Due ${formatNext(next, now, schedule.timezone)} ${schedule.timezone}`
    : 'No digest is scheduled here: this is what /papers digest would post now';
  const inactive = channel.active
    ? []
    : [
        {
          tone: 'warning' as const,
          text: `paperboy cannot post here (${channel.inactiveReason ?? 'inactive'}): invite it again to get digests.`,
        },
      ];
  const items = card.items.map((item, index) => {
    const entry = digest.items[index];
    return entry ? { ...item, because: whyInDigest(digest, entry) } : item;
  });
  const preview: Card = {
    ...card,
    header: 'Preview of your next digest',
    subheader: [when, card.subheader].filter((part) => part !== undefined && part !== '').join(' · '),
    items,
    notices: [...inactive, ...card.notices],
    // A preview is not a post: votes belong on the digest itself.
    feedback: false,
    fallback: `Preview of your next digest (${when})\n${card.fallback}`,
  };
  return answered(preview);
}

/** Why a paper is in the digest, in a few words: `#2 on Daily Papers of Fri 12 Jun (41 upvotes) · matches "lora"`. */
function whyInDigest(digest: Digest, entry: DigestItem): string {
  const term = entry.matchedTerm ? `matches ${entry.matchedTerm}` : null;
  if (entry.reason === 'subscription')
    return [term ?? 'matches your subscriptions', sourceOf(entry)].join(' · ');
  if (digest.learnedFrom !== undefined)
    return [entry.because ?? `picked from your ${digest.learnedFrom} votes and upvotes`, term]
      .filter((part) => part !== null)
      .join(' · ');
  const trending = digest.items.filter((item) => item.reason === 'trending');
  const rank = trending.indexOf(entry) + 1;
  const day = digest.day ? ` on Daily Papers of ${formatDay(digest.day)}` : '';
  const upvotes = entry.paper.upvotes ?? 0;
  return [`#${rank}${day} (${upvotes} upvote${upvotes === 1 ? '' : 's'})`, term]
    .filter((part) => part !== null)
    .join(' · ');
}

/** Where a subscription match came from: `on Hugging Face`, or `new on arXiv in cs.LG`. */
const sourceOf = (entry: DigestItem): string =>
  entry.paper.dailyDate
    ? 'on Hugging Face'
    : `new on arXiv in ${entry.paper.primaryCategory ?? 'your categories'}`;
