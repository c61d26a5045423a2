import { type REST, Routes } from 'discord.js';
import { answerInTime } from '../../../core/bot/answer-in-time.js';
import type { BotDependencies } from '../../../core/bot/bot-dependencies.js';
import { type Respond, ResponseType } from '../interaction-types.js';
import { EPHEMERAL } from '../limits.js';
import type { PanelMessage } from './panel-message.js';

/** `open`: a new message only the member sees; `update`: the message the control is on is drawn again. */
export type PanelAnswerMode = 'open' | 'update';

/**
 * Answers with the panel when it is drawn within `deferAfterMs`: a new ephemeral message (4) or an update of
 * the clicked message (7). Otherwise it defers first (5 ephemeral, or 6) and edits `@original` when it is drawn,
 * which for a click is the message clicked.
 */
export function createPanelResponder(options: {
  bot: BotDependencies;
  rest: REST;
  applicationId: string;
  deferAfterMs: number;
}) {
  const { bot, rest, applicationId, deferAfterMs } = options;
  return async function answer(
    draw: () => Promise<PanelMessage>,
    token: string,
    respond: Respond,
    mode: PanelAnswerMode,
  ): Promise<void> {
    const inTime = answerInTime<PanelMessage>(bot, deferAfterMs);
    const work = draw();
    const ready = await inTime(work);
    if (ready) {
      return respond(
        mode === 'update'
          ? { type: ResponseType.Update, data: ready }
          : { type: ResponseType.Message, data: { ...ready, flags: EPHEMERAL } },
      );
    }
    await respond(
      mode === 'update'
        ? { type: ResponseType.DeferredUpdate }
        : { type: ResponseType.Deferred, data: { flags: EPHEMERAL } },
    );
    await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
      body: await work,
      auth: false,
    });
  };
}
