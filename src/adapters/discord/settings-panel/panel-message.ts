import type { BotDependencies, CommandContext } from '../../../core/bot/bot-dependencies.js';
import { handleCommand } from '../../../core/bot/handle-command.js';
import type { Card, Notice } from '../../../core/cards/card.js';
import { scheduleFormOf } from '../../../core/commands/form-values.js';
import { withDiscordExamples } from '../discord-examples.js';
import { type DiscordMessage, renderReply } from '../embeds.js';
import { type PanelRow, panelRows } from './panel-rows.js';
import type { PanelView } from './panel-view.js';

/** The panel as a message body: the settings as `/digest settings` lists them, and the section's controls. */
export type PanelMessage = Omit<DiscordMessage, 'components'> & { components: PanelRow[] };

const HINTS: Record<PanelView['section'], string> = {
  schedule: 'Pick a region, then a zone. The zone, the days and the time each save at once.',
  sources:
    'The sources list has Hugging Face and the most followed arXiv categories; /digest config sources: takes any category.',
  switches: 'Each button shows a setting; click it to switch it.',
  subscriptions: 'Add or remove terms in one go; the channel follows the terms listed above.',
};

/**
 * Draws the panel for a view: the channel's settings card (the core's `settings` answer, so it reads exactly as
 * `/digest settings`), a hint for the section, the result of the last click, and the controls. When the settings
 * cannot be read, the core's answer (an apology) is drawn without controls.
 */
export async function drawPanel(
  bot: BotDependencies,
  context: CommandContext,
  view: PanelView,
  result?: Notice,
): Promise<PanelMessage> {
  const overview = await handleCommand(bot, context, { kind: 'settings' });
  const channel = overview.outcome === 'ok' ? await bot.channels.get(context.channel) : null;
  if (!channel) return { ...renderReply(withDiscordExamples(overview.card)), components: [] };
  const hints: Notice[] = [{ tone: 'info', text: HINTS[view.section] }];
  const { unshown } = scheduleFormOf(channel.settings.schedule);
  if (view.section === 'schedule' && unshown !== undefined)
    hints.push({
      tone: 'warning',
      text: `The schedule is the cron expression ${unshown}, which these controls cannot show; changing one of them replaces it.`,
    });
  const card: Card = {
    ...overview.card,
    notices: [...(result ? [result] : []), ...overview.card.notices, ...hints],
    actions: [],
  };
  return { ...renderReply(withDiscordExamples(card)), components: panelRows(channel.settings, view) };
}
