import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import type { Logger } from '../../core/logger.js';

/** What the App Home, the modals and the shortcut listeners share. */
export interface ViewListenerOptions {
  bot: BotDependencies;
  now: () => Date;
  logger: Logger;
  /** `SLACK_ADMIN_ONLY`: only workspace admins and owners may change settings and subscriptions. */
  adminOnly: boolean;
}
