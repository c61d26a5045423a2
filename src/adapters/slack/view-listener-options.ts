import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import type { Logger } from '../../core/logger.js';

/** What every Slack listener is given: the core, the clock and the logger. */
export interface ListenerOptions {
  bot: BotDependencies;
  now: () => Date;
  logger: Logger;
}

/** What the App Home, the modals and the shortcut listeners share. */
export interface ViewListenerOptions extends ListenerOptions {
  /** `SLACK_ADMIN_ONLY`: only workspace admins and owners may change settings and subscriptions. */
  adminOnly: boolean;
}
