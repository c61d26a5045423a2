import type { webApi } from '@slack/bolt';
import { isAdmin } from './admin-check.js';
import { adminsOnlyHome, channelsHome, failedHome, HOME_PAGE_SIZE, unavailableHome } from './home-view.js';
import { slackErrorCode } from './slack-errors.js';
import { userChannelIds } from './user-channels.js';
import type { ViewListenerOptions } from './view-listener-options.js';

/**
 * Publishes a person's App Home (`views.publish`): the page at `offset` of the channels paperboy knows in the
 * workspace among those they are a member of; past the last page, the first one. Never throws: when the channels
 * cannot be listed the Home says so (and the failure is logged); a failed `views.publish` is logged.
 */
export async function publishHome(
  client: webApi.WebClient,
  options: ViewListenerOptions,
  who: { teamId: string; userId: string; offset: number },
): Promise<void> {
  const log = options.logger.child({ view: 'home' });
  const view = await homeFor(client, options, who).catch((error: unknown) => {
    log.error('could not build the App Home; it says so instead', { error });
    return failedHome();
  });
  await client.views
    .publish({ user_id: who.userId, view })
    .catch((error: unknown) =>
      log.error('could not publish the App Home', { error, code: slackErrorCode(error) }),
    );
}

async function homeFor(
  client: webApi.WebClient,
  options: ViewListenerOptions,
  who: { teamId: string; userId: string; offset: number },
) {
  if (options.adminOnly && !(await isAdmin(client, who.userId, options.logger))) return adminsOnlyHome();
  const overviews = options.bot.overviews;
  if (!overviews) return unavailableHome();
  const channelIds = await userChannelIds(client, who.userId);
  const workspace = { platform: 'slack' as const, workspaceId: who.teamId };
  const pageAt = (offset: number) => overviews.page(workspace, { channelIds, offset, limit: HOME_PAGE_SIZE });
  let offset = Math.max(0, who.offset);
  let page = await pageAt(offset);
  if (page.overviews.length === 0 && offset > 0) {
    offset = 0;
    page = await pageAt(0);
  }
  return channelsHome({ ...page, offset }, options.now());
}
