import { App, HTTPReceiver, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { ChatAdapter, ChatAdapterContext } from '../chat-adapter.js';
import { registerCardActions } from './action-listener.js';
import { registerAskShortcut } from './ask-shortcut.js';
import { type BoltErrorHandling, createBoltErrorHandling } from './bolt-errors.js';
import { toBoltLogger } from './bolt-logger.js';
import { createBoltRoute, SLACK_MAX_BODY_BYTES } from './bolt-route.js';
import { type ChannelPacer, createChannelPacer } from './channel-pacer.js';
import { registerPapersCommand } from './command-listener.js';
import { registerChannelEvents } from './event-listeners.js';
import { registerFeedbackActions } from './feedback-listener.js';
import { createSlackInstallationStore, type SlackInstallationStore } from './installation-store.js';
import { registerLinkShared } from './link-shared-listener.js';
import { registerMentions } from './mention-listener.js';
import { registerReactions } from './reaction-listener.js';
import { createSecretBox } from './secret-box.js';
import { slackErrorCode } from './slack-errors.js';
import { resolveSlackMode, type SlackMode, slackApiUrl } from './slack-mode.js';
import { createSlackPoster } from './slack-poster.js';
import { VIEW_CALLBACKS } from './view-ids.js';
import { registerViewListeners } from './view-listeners.js';

/**
 * The bot scopes paperboy asks for when a workspace installs it (and that `slack/manifest.yml` lists):
 * `commands` for /papers, `chat:write` to post (and to update its own posts' counts), `users:read` for the
 * SLACK_ADMIN_ONLY check, `channels:read` / `groups:read`, which the `member_joined_channel` event needs
 * (public / private channels), `reactions:read` for the `reaction_added` / `reaction_removed` events (👍 👎 🔖 on
 * its messages), `files:write` to upload reading-list exports, `im:write` to open a direct message with a
 * person who asked for an export in a DM, and `links:read` / `links:write` for the `link_shared` event and the
 * paper cards paperboy answers it with (`chat.unfurl`).
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'channels:read',
  'groups:read',
  'reactions:read',
  'files:write',
  'im:write',
  'links:read',
  'links:write',
  'app_mentions:read',
];

/**
 * The bot events paperboy subscribes to (and that `slack/manifest.yml` lists); `app_home_opened` needs no scope
 * of its own.
 */
export const SLACK_BOT_EVENTS = [
  'member_joined_channel',
  'app_uninstalled',
  'tokens_revoked',
  'reaction_added',
  'reaction_removed',
  'link_shared',
  'app_mention',
  'app_home_opened',
];

/**
 * The sites whose links Slack sends paperboy as `link_shared` events (the manifest's `features.unfurl_domains`;
 * Slack takes at most five): the hosts of every paper link `paperIdOfUrl` reads.
 */
export const SLACK_UNFURL_DOMAINS = ['arxiv.org', 'huggingface.co', 'hf.co', 'alphaxiv.org', 'doi.org'];

/** The global shortcut (`features.shortcuts` in `slack/manifest.yml`) that opens a channel's settings. */
export const SLACK_SHORTCUT = { name: 'paperboy settings', callbackId: VIEW_CALLBACKS.shortcut };
/** The message shortcut (`features.shortcuts` too) that asks a paper a question in its thread. */
export const SLACK_ASK_SHORTCUT = { name: 'Ask paperboy', callbackId: VIEW_CALLBACKS.ask };

/** The routes Slack calls on the shared HTTP server. */
export const SLACK_ROUTES = {
  events: '/slack/events',
  install: '/slack/install',
  redirect: '/slack/oauth_redirect',
};

export interface SlackAdapterOptions {
  /**
   * An answer ready within this time goes in the slash command's ack; later ones via response_url (default
   * 25 ms: the ack stays fast under load, and a user sees no difference between the two).
   */
  ackBudgetMs?: number;
  /** Paces digest posts per channel (tests inject a clock and a sleep). */
  pacer?: ChannelPacer;
}

/** Web API calls made while answering a user: a couple of quick retries, never a long wait. */
const INTERACTIVE_RETRIES = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 };

/**
 * The Slack platform: Bolt answers `/papers`, the Next/Share buttons, the papers' 👍 👎 🔖 menus and reactions,
 * paper links (`link_shared`, answered with `chat.unfurl` cards) and channel events, over HTTP on the shared server (`POST /slack/events`, plus `/slack/install` and
 * `/slack/oauth_redirect` with OAuth) or over Socket Mode; the poster sends digests with `chat.postMessage` and
 * redraws their counts with `chat.update`. The mode comes from `resolveSlackMode(config)`, which the
 * composition root calls first (this throws its errors).
 *
 * The poster's Web API client makes no retries of its own and rejects rate-limited calls: the delivery worker
 * owns retries (backoff, `Retry-After`) and records them in Postgres, where web-api's default of ten retries over
 * thirty minutes would hold a delivery's lease long past its expiry and let another replica post it again.
 */
export function createSlackAdapter(
  context: ChatAdapterContext,
  options: SlackAdapterOptions = {},
): ChatAdapter {
  const resolved = resolveSlackMode(context.config);
  if (!resolved.ok) throw new Error(resolved.error.join('\n'));
  const mode = resolved.value;
  if (!mode)
    throw new Error('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README).');
  const logger = context.logger.child({ adapter: 'slack' });
  const boltLogger = toBoltLogger(logger);
  const apiUrl = slackApiUrl(context.config);
  const clientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: INTERACTIVE_RETRIES };
  const installations =
    mode.kind === 'oauth' ? createSlackInstallationStore(context.db, createSecretBox(mode.secretKey)) : null;
  const errors = createBoltErrorHandling(logger);
  const receiver = createReceiver(mode, installations, clientOptions, boltLogger, errors);
  const app = new App({
    receiver,
    ...(mode.kind === 'oauth' ? {} : { token: mode.botToken }),
    clientOptions,
    logger: boltLogger,
    deferInitialization: true,
    // Bolt's default conversation store looks up state paperboy never keeps, on every request.
    convoStore: false,
  });
  app.error(errors.appError);

  const shared = { bot: context.bot, now: context.now, logger };
  registerPapersCommand(app, {
    ...shared,
    adminOnly: context.config.SLACK_ADMIN_ONLY,
    ackBudgetMs: options.ackBudgetMs ?? 25,
  });
  registerCardActions(app, shared);
  registerViewListeners(app, { ...shared, adminOnly: context.config.SLACK_ADMIN_ONLY });
  registerFeedbackActions(app, shared);
  registerReactions(app, shared);
  registerLinkShared(app, shared);
  registerMentions(app, shared);
  registerAskShortcut(app, shared);
  registerChannelEvents(app, {
    channels: context.bot.channels,
    logger,
    ...(installations ? { forgetInstallation: installations.forget } : {}),
  });

  const postingClient = new webApi.WebClient(undefined, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: boltLogger,
  });
  const poster = createSlackPoster({
    client: postingClient,
    tokenFor: async (teamId) =>
      installations ? installations.botToken(teamId) : mode.kind === 'oauth' ? null : mode.botToken,
    pacer: options.pacer ?? createChannelPacer({}),
    logger,
  });

  let stopped = false;

  return {
    name: 'slack',
    poster,
    async start() {
      // auth.test: the bot user id (to recognise the bot joining a channel), and a clear failure on a bad token.
      await app.init().catch((error: unknown) => {
        throw new Error(
          `Slack rejected SLACK_BOT_TOKEN (auth.test: ${slackErrorCode(error) ?? String(error)}). Copy the Bot User OAuth Token (xoxb-...) from your Slack app's Install App page.`,
          { cause: error },
        );
      });
      if (mode.kind === 'socket') {
        await app.start().catch((error: unknown) => {
          throw new Error(
            `Socket Mode could not connect (apps.connections.open: ${slackErrorCode(error) ?? String(error)}). Check SLACK_APP_TOKEN: an App-Level Token (xapp-...) with the connections:write scope, and that Socket Mode is enabled for the app.`,
            { cause: error },
          );
        });
      } else if (receiver instanceof HTTPReceiver) {
        const route = createBoltRoute({ receiver, errors, logger: boltLogger, isStopped: () => stopped });
        context.http.route('/slack/*', route, { maxBodyBytes: SLACK_MAX_BODY_BYTES });
      }
      logger.info('Slack adapter ready', { mode: mode.kind });
    },
    async stop() {
      stopped = true;
      if (mode.kind === 'socket') await app.stop();
    },
  };
}

function createReceiver(
  mode: SlackMode,
  installations: SlackInstallationStore | null,
  clientOptions: webApi.WebClientOptions,
  logger: ReturnType<typeof toBoltLogger>,
  errors: BoltErrorHandling,
): Receiver {
  // Bolt reads HTTP bodies itself: the same limit as the route's, for chunked bodies the route cannot measure.
  const http = (signingSecret: string) => ({
    signingSecret,
    endpoints: SLACK_ROUTES.events,
    logger,
    bodyLimit: SLACK_MAX_BODY_BYTES,
    dispatchErrorHandler: errors.dispatchErrorHandler,
    processEventErrorHandler: errors.processEventErrorHandler,
  });
  switch (mode.kind) {
    case 'http':
      return new HTTPReceiver(http(mode.signingSecret));
    case 'socket':
      return new SocketModeReceiver({
        appToken: mode.appToken,
        logger,
        installerOptions: { clientOptions },
        processEventErrorHandler: errors.socketProcessEventErrorHandler,
      });
    case 'oauth':
      return new HTTPReceiver({
        ...http(mode.signingSecret),
        clientId: mode.clientId,
        clientSecret: mode.clientSecret,
        stateSecret: mode.stateSecret,
        scopes: SLACK_BOT_SCOPES,
        ...(installations ? { installationStore: installations } : {}),
        installerOptions: {
          clientOptions,
          installPath: SLACK_ROUTES.install,
          redirectUriPath: SLACK_ROUTES.redirect,
          directInstall: true,
        },
      });
  }
}
