import type { KeyObject } from 'node:crypto';
import { commandInteraction, postInteraction } from '../test/adapters/discord/discord-fixtures.js';
import type { InitialResponse } from '../test/helpers/fake-discord.js';
import {
  postSigned,
  type ResponseUrlReceiver,
  slashCommandBody,
} from '../test/helpers/fake-slack-receivers.js';
import type { trackDiscordAnswers } from './discord-answers.js';
import { markHandled, type SendCommand } from './sent-command.js';

/** Numbers every command this process sends, so response URLs, tokens and ids never repeat across rows. */
let serial = 0;

/**
 * Signed `/papers <text(index)>` slash commands to `POST /slack/events`: the answer is in the ack when it has
 * text, else the first `response_url` post.
 */
export function slackCommandSender(
  slack: { url: string; secret: string; responses: ResponseUrlReceiver },
  text: (index: number) => string,
): SendCommand {
  return async (index, answerTimeoutMs) => {
    const id = `command-${serial++}`;
    const body = slashCommandBody({
      text: text(index),
      responseUrl: slack.responses.url(id),
      channelId: `C${index % 100}`,
    });
    const result = await postSigned(`${slack.url}/slack/events`, body, { secret: slack.secret });
    const inAck = result.text !== '';
    return {
      ok: result.status === 200,
      answered: markHandled(
        inAck ? Promise.resolve() : slack.responses.waitFor(id, 1, answerTimeoutMs).then(() => {}),
      ),
      seen: () => inAck || slack.responses.postsFor(id).length > 0,
    };
  };
}

const DEFERRED = 5;

/**
 * Signed `/papers topic:<topic(index)>` interactions to `POST /discord/interactions`: the answer is the HTTP
 * response, or after a deferral the edit of `@original`.
 */
export function discordCommandSender(
  discord: { url: string; privateKey: KeyObject },
  answers: ReturnType<typeof trackDiscordAnswers>,
  topic: (index: number) => string,
): SendCommand {
  return async (index, answerTimeoutMs) => {
    const number = serial++;
    const token = `command-${number}`;
    const option = { name: 'topic', type: 3, value: topic(index) };
    // Snowflakes exceed 2^53: a float would round neighbouring ids to one.
    const id = String(600_000_000_000_000_000n + BigInt(number));
    const body = JSON.stringify(commandInteraction('papers', [option], { token, id }));
    const response = await postInteraction(`${discord.url}/discord/interactions`, body, discord);
    const initial = (await response.json()) as InitialResponse;
    const deferred = initial.type === DEFERRED;
    return {
      ok: response.status === 200,
      answered: markHandled(deferred ? answers.answer(token, answerTimeoutMs) : Promise.resolve()),
      seen: () => !deferred || answers.seen(token),
    };
  };
}
