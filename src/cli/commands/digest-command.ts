import { renderCard } from '../../adapters/console/render-card.js';
import { buildDigest } from '../../core/digest/build-digest.js';
import { digestCard } from '../../core/digest/digest-card.js';
import { hfPaperUrl } from '../../core/paper.js';
import { DAILY_PAPERS_CUTOFF } from '../../core/schedule/daily-papers-day.js';
import { zonedTimeToInstant } from '../../core/schedule/zoned-time.js';
import { readChannelFlag } from '../channel-flag.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags, parseIsoDate } from '../parse-flags.js';

/**
 * `paperboy digest --channel console:local [--date YYYY-MM-DD] [--json]`: prints the digest a channel would
 * get, without posting it or marking its papers as delivered. `--date` picks the Daily-Papers day to cover
 * (the digest as of the moment that day was complete); without it, the digest as of now.
 */
export const digestCommand: CliCommand = async (context) => {
  const { values } = parseFlags(context.args, {
    channel: { type: 'string', default: 'console:local' },
    date: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const ref = readChannelFlag(values.channel);
  const date = parseIsoDate('date', values.date);
  const at = date
    ? zonedTimeToInstant(date, DAILY_PAPERS_CUTOFF.time, DAILY_PAPERS_CUTOFF.timezone)
    : context.now();

  const services = await context.openServices();
  try {
    const channel = (await services.channels.get(ref)) ?? (await services.channels.ensure(ref));
    const digest = await buildDigest(
      {
        papers: services.digestPapers,
        subscriptions: services.subscriptions,
        ...(services.bot.feedback ? { feedback: services.bot.feedback } : {}),
        ...(services.bot.shares ? { shares: services.bot.shares } : {}),
        ...(services.bot.paperUpdates ? { updates: services.bot.paperUpdates } : {}),
      },
      channel,
      at,
    );
    if (values.json) {
      context.out(
        JSON.stringify(
          {
            channel: values.channel,
            at: at.toISOString(),
            day: digest.day,
            items: digest.items.map(({ paper, reason, matchedTerm }) => ({
              id: paper.id,
              title: paper.title,
              reason,
              matchedTerm,
              upvotes: paper.upvotes ?? 0,
              url: hfPaperUrl(paper.id),
            })),
            shared: (digest.shared ?? []).map(({ item, share }) => ({
              id: item.paper.id,
              title: item.paper.title,
              sharedBy: share.userId,
              sharedAt: share.sharedAt.toISOString(),
            })),
            sinceYouSawIt: (digest.updates ?? []).map((update) => ({
              id: update.paper.id,
              title: update.paper.title,
              news: update.news,
              postedAt: update.postedAt.toISOString(),
            })),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const card = digestCard(digest, { postWhenEmpty: true });
    if (card) context.out(renderCard(card, { color: context.interactive }));
    return 0;
  } finally {
    await services.close();
  }
};
