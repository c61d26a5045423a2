import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
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
