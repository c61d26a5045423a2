import { noticeCard } from '../cards/build-cards.js';
import type { Reply } from '../cards/card.js';
import { isOnHuggingFace } from '../cards/paper-item.js';
import { stripControlChars } from '../cards/sanitize.js';
import type { Channel } from '../channel.js';
import { utcDay } from '../days.js';
import { buildDigest, MATCH_WINDOW_DAYS } from '../digest/build-digest.js';
import { formatDay } from '../digest/digest-card.js';
import type { Paper } from '../paper.js';
import type { PaperShare, PaperWhereabouts } from '../ports.js';
import { formatNext } from '../schedule/describe-schedule.js';
import { nextDueAt } from '../schedule/due-times.js';
import type { SubscriptionTerm } from '../subscriptions/term.js';
import type { BotDependencies } from './bot-dependencies.js';
import { digestDependenciesOf } from './digest-dependencies.js';
import { answered } from './replies.js';

/**
 * `/papers why <id>`: in one short answer, whether this paper was or will be delivered to the channel and why
 * (not): not stored yet (and when the next ingest runs), queued, already delivered (when), shared by a
 * teammate, held because the channel is inactive, in the next digest (why), or why not: not in the channel's
 * sources, excluded by a `-term`, below `min-upvotes`, not in the day's top, matching no term, too old.
 *
 * @example
 * await whyPaper(dependencies, channel, '2606.93392', now); // "It will be in the next digest (Mon 15 Jun, 09:00) …"
 */
export async function whyPaper(
  dependencies: BotDependencies,
  channel: Channel,
  paperId: string,
  now: Date,
): Promise<Reply> {
  const paper = await dependencies.catalog.getPaper(paperId);
  if (!paper) return answer(paperId, notStored(dependencies, paperId, now));
  const terms = await dependencies.subscriptions.list(channel);
  const where = await dependencies.digestPapers.whereabouts(channel, paperId, terms);
  const share = (await dependencies.shares?.find(channel, [paperId]))?.get(paperId);
  const lines = where ? await reasons(dependencies, channel, paper, where, share, terms, now) : [];
  return answer(stripControlChars(paper.title) || paperId, lines.join(' '));
}

const answer = (title: string, text: string): Reply =>
  answered(noticeCard({ tone: 'info', text }, `Why: ${title}`));

function notStored(dependencies: BotDependencies, paperId: string, now: Date): string {
  const next = dependencies.nextIngestAt?.(now);
  const when = next
    ? ` The next ingest runs ${formatNext(next.at, now, next.timezone)} ${next.timezone}.`
    : '';
  return `paperboy has not stored ${paperId} yet, so no digest can hold it.${when} /papers paper ${paperId} looks it up on arXiv now.`;
}

async function reasons(
  dependencies: BotDependencies,
  channel: Channel,
  paper: Paper,
  where: PaperWhereabouts,
  share: PaperShare | undefined,
  terms: SubscriptionTerm[],
  now: Date,
): Promise<string[]> {
  const { settings } = channel;
  const sharedLine = share
    ? `A teammate shared it here on ${utcDay(share.sharedAt)}, so digests list it as already shared${settings.shared === 'hide' ? ' (or, with shared:hide, leave it out)' : ''}, never as new.`
    : null;
  if (where.queued)
    return [
      `It is queued to be posted here (${where.queued.status}; next attempt ${formatNext(where.queued.nextAttemptAt, now, settings.schedule.timezone)}).`,
    ];
  if (where.delivered) {
    const { matchedTerm, messageId } = where.delivered;
    const matched = matchedTerm ? ` (it matched ${matchedTerm})` : '';
    const link = messageId ? await dependencies.messageLink?.(channel, messageId).catch(() => null) : null;
    return [
      `It was delivered here on ${formatDay(utcDay(where.delivered.at))}${matched}${link ? `: ${link}` : ''}; digests never repeat a paper.`,
    ];
  }
  const held = channel.active
    ? []
    : [
        `paperboy cannot post here (${channel.inactiveReason ?? 'inactive'}); nothing is delivered until it is invited again.`,
      ];

  const next = nextDueAt(settings.schedule, now);
  const digest = await buildDigest(digestDependenciesOf(dependencies), channel, next ?? now);
  const due = next
    ? `the next digest (${formatNext(next, now, settings.schedule.timezone)})`
    : '/papers digest';
  const inDigest = digest.items.find((item) => item.paper.id === paper.id);
  if (inDigest) {
    const why =
      inDigest.reason === 'subscription'
        ? `it matches ${inDigest.matchedTerm ?? 'a term'}`
        : digest.learnedFrom !== undefined
          ? 'the channel’s votes picked it'
          : `it is among the day’s top ${settings.top}`;
    return [...held, `It will be in ${due}: ${why}.`, ...(next ? [] : ['No digest is scheduled here.'])];
  }
  if (digest.shared?.some((entry) => entry.item.paper.id === paper.id) && sharedLine)
    return [
      ...held,
      sharedLine,
      `${next ? 'The next digest' : '/papers digest'} mentions it in that one line.`,
    ];
  if (sharedLine) held.push(sharedLine);

  const followsHf = settings.sources.includes('hf');
  const onHf = isOnHuggingFace(paper);
  const categories = settings.sources.filter((source) => source !== 'hf');
  const inCategory = paper.categories.some((category) => categories.includes(category));
  if (!(onHf && followsHf) && !inCategory) {
    const found = [onHf ? 'Hugging Face' : null, paper.categories.join(', ') || null]
      .filter((part) => part !== null)
      .join(', ');
    const add = [...settings.sources, paper.primaryCategory ?? paper.categories[0] ?? 'hf'];
    return [
      ...held,
      `It is not in this channel's sources (${settings.sources.join(', ')}): it is in ${found || 'no category paperboy knows'}. Add one with /papers config sources:${[...new Set(add)].join(',')}`,
    ];
  }
  if (where.excludedBy)
    return [...held, `It is left out by ${where.excludedBy} (/papers unsubscribe ${where.excludedBy}).`];

  const why: string[] = [];
  if (onHf && followsHf && paper.dailyDate) {
    const upvotes = paper.upvotes ?? 0;
    if (upvotes < settings.minUpvotes)
      why.push(`It has ${upvotes} upvotes, below this channel's min-upvotes of ${settings.minUpvotes}.`);
    else if (digest.day !== paper.dailyDate)
      why.push(
        `It was on the Daily Papers of ${formatDay(paper.dailyDate)}; ${due} covers ${digest.day ? formatDay(digest.day) : 'the latest day'}.`,
      );
    else if (where.dayRank !== null)
      why.push(
        `It ranks #${where.dayRank} by upvotes on the Daily Papers of ${formatDay(paper.dailyDate)}; digests show the top ${settings.top} (/papers config top:${Math.min(20, Math.max(settings.top, where.dayRank))}).`,
      );
  }
  const positive = terms.filter((term) => term.kind !== 'exclude');
  if (where.matchedTerm === null)
    why.push(
      positive.length === 0
        ? 'This channel follows no terms that could bring it in (/papers subscribe lora).'
        : `It matches none of this channel's terms (${positive.map((term) => term.text).join(', ')}).`,
    );
  else {
    const windowStart = (next ?? now).getTime() - MATCH_WINDOW_DAYS * 86_400_000;
    const dated = Math.max(
      paper.publishedAt?.getTime() ?? 0,
      paper.dailyDate ? Date.parse(`${paper.dailyDate}T00:00:00Z`) : 0,
    );
    why.push(
      dated < windowStart
        ? `It matches ${where.matchedTerm}, but it is older than the ${MATCH_WINDOW_DAYS} days a digest looks back.`
        : `It matches ${where.matchedTerm}, but the digest already holds as many matches as it carries.`,
    );
  }
  return [...held, ...why];
}
