import { channelKey } from '../../core/channel.js';
import { parsePaperId } from '../../core/commands/parse-paper-id.js';
import type { FeedbackKind, FeedbackState } from '../../core/feedback/feedback.js';
import { readChannelFlag } from '../channel-flag.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage.js';

const ACTIONS = ['relevant', 'not-relevant', 'save', 'unsave'] as const;
type Action = (typeof ACTIONS)[number];

/** What each action sets: the kind of feedback, and whether it is put on or taken off. */
const EFFECT: Record<Action, { kind: FeedbackKind; on: boolean }> = {
  relevant: { kind: 'relevant', on: true },
  'not-relevant': { kind: 'notRelevant', on: true },
  save: { kind: 'save', on: true },
  unsave: { kind: 'save', on: false },
};

/** The user id the command line votes as, unless `--user` names another. */
export const CLI_USER = 'cli';
const USER_ID = /^[A-Za-z0-9._:@-]{1,64}$/;

/**
 * `paperboy feedback [--channel console:local] [--user cli] <paper-id> relevant|not-relevant|save|unsave`: one
 * person's feedback on a stored paper in a channel, as a click in chat would record it, so ranking can be
 * driven and evaluated without a chat platform. Unlike a button it sets rather than toggles, so a script can
 * repeat it: `relevant` and `not-relevant` replace each other, `save` and `unsave` put this person's save on or
 * take it off. Messages in chat showing the paper get their counts redrawn by a running paperboy.
 */
export const feedbackCommand: CliCommand = async (context) => {
  const { values, positionals } = parseFlags(
    context.args,
    { channel: { type: 'string', default: 'console:local' }, user: { type: 'string', default: CLI_USER } },
    true,
  );
  const ref = readChannelFlag(values.channel);
  const [idText, actionText, ...extra] = positionals;
  if (idText === undefined || actionText === undefined || extra.length > 0) {
    throw new UsageError(
      'feedback takes a paper id and one of relevant, not-relevant, save, unsave, e.g. paperboy feedback 2606.93392 save',
    );
  }
  const paperId = parsePaperId(idText);
  if (paperId === undefined) {
    throw new UsageError(`"${idText}" is not an arXiv id or link, e.g. 2606.93392`);
  }
  const action = ACTIONS.find((known) => known === actionText);
  if (action === undefined) {
    throw new UsageError(`"${actionText}" is not one of ${ACTIONS.join(', ')}`);
  }
  const userId = values.user ?? CLI_USER;
  if (!USER_ID.test(userId)) {
    throw new UsageError(`--user must be 1-64 letters, digits or . _ : @ -, got "${userId}"`);
  }

  const services = await context.openServices();
  try {
    const { feedback, postedMessages, catalog } = services.bot;
    if (!feedback) throw new Error('this paperboy has no feedback store');
    if (!(await catalog.getPaper(paperId))) {
      context.writeError(
        `paperboy does not store paper ${paperId}. Check the id, or fetch it first with paperboy ingest or paperboy import <file>.\n`,
      );
      return 1;
    }
    const channel = await services.channels.ensure(ref);
    const now = context.now();
    const result = await feedback.react({ channel, paperId, userId, ...EFFECT[action] }, now);
    if (result.changed) await postedMessages?.countsChanged(channel, paperId, now);
    const counts = (await feedback.counts(channel, [paperId])).get(paperId) ?? { relevant: 0, saved: 0 };
    const done = result.changed ? describeState(result.state) : `no change, ${describeState(result.state)}`;
    context.out(
      `${paperId} in ${channelKey(channel)}, by ${userId}: ${done}. The channel: 🔖 ${counts.saved} · 👍 ${counts.relevant}.`,
    );
    return 0;
  } finally {
    await services.close();
  }
};

function describeState(state: FeedbackState): string {
  const relevance = state.relevance === 1 ? 'relevant' : state.relevance === -1 ? 'not relevant' : 'no vote';
  return `${relevance}, ${state.saved ? 'saved' : 'not saved'}`;
}
