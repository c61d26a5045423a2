import type { App } from '@slack/bolt';
import { registerEditSettingsButton } from './edit-settings-listener.js';
import { registerFormSubmissions } from './form-submissions.js';
import { registerHome } from './home-listener.js';
import { registerSettingsShortcut } from './shortcut-listener.js';
import { registerTimezoneOptions } from './timezone-options.js';
import type { ViewListenerOptions } from './view-listener-options.js';

/**
 * Configuring without typing: the App Home, the channel modals (settings, schedule, subscriptions) and what
 * opens them (the Home's buttons, `/papers settings`' Edit button, the "paperboy settings" shortcut), and the
 * schedule modal's timezone suggestions.
 */
export function registerViewListeners(app: App, options: ViewListenerOptions): void {
  registerHome(app, options);
  registerEditSettingsButton(app, options);
  registerSettingsShortcut(app, options);
  registerFormSubmissions(app, options);
  registerTimezoneOptions(app);
}
