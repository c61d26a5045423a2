import type { types, webApi } from '@slack/bolt';
import { apology } from '../../core/bot/replies.js';
import type { Logger } from '../../core/logger.js';
import { slackErrorCode } from './slack-errors.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import { modal, noticeModal } from './view-parts.js';

/** `views.update` errors that mean the person closed the modal (or it moved on) before paperboy filled it in. */
const GONE = new Set(['not_found', 'hash_conflict']);

/** The modal shown while paperboy works out what to show, so the click's `trigger_id` is used at once. */
export const workingModal = (title: string): types.ModalView =>
  modal({
    callbackId: VIEW_CALLBACKS.notice,
    title,
    close: 'Done',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: Working on it…' } }],
  });

/**
 * Opens a "working on it" modal with the click's `trigger_id` (Slack takes it for 3 seconds only), then
 * replaces it (`views.update`, by the id `views.open` returned) with what `work` gives. Never throws: work that
 * fails is logged and the modal says sorry instead; a modal the person closed meanwhile is only a warning.
 */
export async function inModal(
  client: webApi.WebClient,
  logger: Logger,
  opening: { triggerId: string; title: string },
  work: () => Promise<types.ModalView>,
): Promise<void> {
  let viewId: string | undefined;
  let hash: string | undefined;
  try {
    const opened = await client.views.open({
      trigger_id: opening.triggerId,
      view: workingModal(opening.title),
    });
    viewId = opened.view?.id;
    hash = opened.view?.hash;
  } catch (error) {
    logger.error('could not open a modal', { error, code: slackErrorCode(error) });
    return;
  }
  if (!viewId) {
    logger.error('views.open returned no view id; the modal stays at "Working on it"');
    return;
  }
  const sorry = () => noticeModal(opening.title, apology().card);
  let view: types.ModalView;
  try {
    view = await work();
  } catch (error) {
    logger.error('could not fill in a modal; it says sorry instead', { error });
    view = sorry();
  }
  const update = (next: types.ModalView) =>
    client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view: next });
  try {
    await update(view);
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== null && GONE.has(code)) {
      logger.warn('the modal was closed before paperboy filled it in', { code });
      return;
    }
    logger.error('could not fill in a modal; it says sorry instead', { error, code });
    await update(sorry()).catch((again: unknown) =>
      logger.warn('could not say sorry in the modal either', { error: again }),
    );
  }
}
