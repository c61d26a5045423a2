import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { Logger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createSlackUser } from '../../helpers/fake-slack-interactions.js';
import { postSigned, slashCommandBody } from '../../helpers/fake-slack-receivers.js';
import { SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

export type SlackOverHttp = Awaited<ReturnType<typeof startSlackOverHttp>>;

/** The Slack adapter over HTTP, with people who click through its views and type its slash command. */
export async function startSlackViews(options: {
  bot: BotDependencies;
  handle: DatabaseHandle;
  env?: Record<string, string>;
  logger?: Logger;
}) {
  const slack = await startSlackOverHttp(options);
  let commands = 0;
  return {
    ...slack,
    /** A person of workspace T1 using Slack's client. */
    user: (userId: string) =>
      createSlackUser({ fake: slack.fake, eventsUrl: slack.eventsUrl, secret: SIGNING_SECRET, userId }),
    /** `/papers <text>` typed by `userId` in `channelId`; resolves with the answer in the ack (JSON) and its response_url. */
    async command(text: string, channelId: string, userId: string) {
      commands += 1;
      const id = `command-${commands}`;
      const responseUrl = slack.responses.url(id);
      const answer = await postSigned(
        slack.eventsUrl,
        slashCommandBody({ text, responseUrl, userId, channelId }),
        {
          secret: SIGNING_SECRET,
        },
      );
      if (answer.status !== 200) throw new Error(`the app answered ${answer.status}`);
      // The answer is in the ack when it was ready in time, else in the first response_url post.
      const body =
        answer.text === '' ? (await slack.responses.waitFor(id))[0]?.body : JSON.parse(answer.text);
      return { body: body as { blocks: unknown[]; text: string }, responseUrl };
    },
  };
}

export const slackChannel = (channelId: string): ChannelRef => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId,
});

/** The title of a view (a modal's), e.g. `Saved`. */
export const titleOf = (view: Record<string, unknown>): string =>
  (view.title as { text?: string } | undefined)?.text ?? '';

/** Every text a view shows, for expectations about what a person reads. */
export const viewText = (view: { blocks?: unknown } | Record<string, unknown>): string =>
  JSON.stringify(view.blocks ?? []);

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/**
 * A logger that keeps its lines and tells a test when one it waits for arrives (`next`), so a test can wait for a
 * listener to finish (its last log line) without sleeping.
 */
export function watchedLogger() {
  const lines: LogLine[] = [];
  const waiters: { matches: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const log =
      (level: LogLine['level']) =>
      (message: string, fields: Record<string, unknown> = {}) => {
        const line = { level, message, fields: { ...bindings, ...fields } };
        lines.push(line);
        for (const waiter of waiters.filter((entry) => entry.matches(line))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      };
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return {
    logger: make({}),
    lines,
    /** The next line from now on that `matches`. */
    next: (matches: (line: LogLine) => boolean): Promise<LogLine> =>
      new Promise((resolve) => waiters.push({ matches, resolve })),
  };
}
