import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ChannelModalKind } from './channel-modals.js';
import { postDigestModal, previewModal } from './digest-views.js';
import { publishHome } from './home-publisher.js';
import { inModal } from './in-modal.js';
import { isChannelId } from './modal-metadata.js';
import { openChannelModal } from './open-channel-modal.js';
import { HOME_ACTIONS } from './view-ids.js';
import type { ViewListenerOptions } from './view-listener-options.js';

const MODAL_OF: Record<string, ChannelModalKind> = {
  [HOME_ACTIONS.editSchedule]: 'schedule',
  [HOME_ACTIONS.editSubscriptions]: 'subscriptions',
  [HOME_ACTIONS.settings]: 'settings',
};

/** The page a Home button was clicked on: the offset the Home keeps in its `private_metadata`, else the first. */
const homeOffsetOf = (body: BlockAction): number => {
  const metadata = body.view?.private_metadata;
  const offset = Number(metadata);
  return metadata && Number.isInteger(offset) && offset >= 0 ? offset : 0;
};

/**
 * The App Home: published when a person opens its Home tab (`app_home_opened`), again on Previous/Next. Each
 * channel's buttons open its modals, show a preview of its next digest, or post the digest now; each opens a
 * modal at once (Slack's `trigger_id` lasts 3 seconds) and fills it in when done (see `inModal`).
 */
export function registerHome(app: App, options: ViewListenerOptions): void {
  const log = options.logger.child({ listener: 'home' });

  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const teamId = context.teamId ?? body.team_id;
    await publishHome(client, options, { teamId, userId: event.user, offset: 0 });
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${HOME_ACTIONS.page}_`),
    async ({ ack, body, action, client }) => {
      await ack();
      const offset = Number(action.value);
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      await publishHome(client, options, {
        teamId,
        userId: body.user.id,
        offset: Number.isInteger(offset) && offset >= 0 ? offset : 0,
      });
    },
  );

  const channelAction = new RegExp(
    `^(${[HOME_ACTIONS.editSchedule, HOME_ACTIONS.editSubscriptions, HOME_ACTIONS.settings, HOME_ACTIONS.preview, HOME_ACTIONS.postNow].join('|')})$`,
  );
  app.action<BlockAction<ButtonAction>>(channelAction, async ({ ack, body, action, client }) => {
    await ack();
    const channelId = action.value;
    if (!isChannelId(channelId)) {
      log.warn('a Home button without a channel; ignored', { action: action.action_id });
      return;
    }
    const who = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id, channelId };
    const kind = MODAL_OF[action.action_id];
    if (kind) {
      await openChannelModal(client, options, {
        ...who,
        triggerId: body.trigger_id,
        kind,
        homeOffset: homeOffsetOf(body),
      });
      return;
    }
    const preview = action.action_id === HOME_ACTIONS.preview;
    const title = preview ? 'Digest preview' : 'Post digest now';
    await inModal(
      client,
      log.child({ action: action.action_id }),
      { triggerId: body.trigger_id, title },
      () => (preview ? previewModal(client, options, who) : postDigestModal(client, options, who)),
    );
  });
}
