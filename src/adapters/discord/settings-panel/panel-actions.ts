import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import type { BotDependencies, CommandContext } from '../../../core/bot/bot-dependencies.js';
import type { CommandHooks } from '../../../core/bot/command-hooks.js';
import {
  submitScheduleForm,
  submitSettingsForm,
  submitSubscriptionsForm,
  turnScheduleOn,
} from '../../../core/bot/submit-forms.js';
import type { Notice } from '../../../core/cards/card.js';
import { type ChannelSettings, DEFAULT_SETTINGS } from '../../../core/channel.js';
import { describeCommandError } from '../../../core/commands/command-error.js';
import { daysOfTicks, scheduleFormOf } from '../../../core/commands/form-values.js';
import type { ScheduleForm, SettingsForm } from '../../../core/commands/settings-form.js';
import { parseTerms } from '../../../core/subscriptions/parse-terms.js';
import type { ModalControl, PanelControl, PanelModal } from './panel-ids.js';
import {
  languageModal,
  MODAL_FIELDS,
  minUpvotesModal,
  subscriptionsModal,
  timeModal,
} from './panel-modals.js';
import type { PanelView } from './panel-view.js';
import { noticesText, saveResult } from './save-result.js';
import { zonePages, zonePlace, zoneRegions } from './zone-pages.js';

/** What a click or a submitted modal comes to: the panel drawn again (with a line on what happened). */
export interface PanelStep {
  view: PanelView;
  result?: Notice;
}

/** Someone with Manage Channels, in a channel: the submit functions check it again through the hooks. */
export interface PanelActor {
  bot: BotDependencies;
  context: CommandContext;
  hooks: CommandHooks;
}

/** The modal a control opens, drawn from what its `custom_id` carries (a modal must be the first answer). */
export function modalOf(control: ModalControl): APIModalInteractionResponseCallbackData {
  if (control.kind === 'timeModal') return timeModal(control.time);
  if (control.kind === 'minUpvotesModal') return minUpvotesModal(control.value);
  if (control.kind === 'languageModal') return languageModal(control.language);
  return subscriptionsModal();
}

const storedSettings = async (actor: PanelActor): Promise<ChannelSettings> =>
  (await actor.bot.channels.get(actor.context.channel))?.settings ?? DEFAULT_SETTINGS;

/** The stored schedule as the form holds it, with `change` applied: one control changes one field. */
async function saveSchedule(actor: PanelActor, change: Partial<ScheduleForm>) {
  const { time, timezone, days } = scheduleFormOf((await storedSettings(actor)).schedule);
  const form = { time, timezone, days: daysOfTicks(days), ...change };
  return saveResult(await submitScheduleForm(actor.bot, actor.context, form, actor.hooks), noticesText);
}

async function saveSettings(actor: PanelActor, form: SettingsForm) {
  const said = Object.entries(form)
    .map(([key, value]) => `${key}:${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
  return saveResult(
    await submitSettingsForm(actor.bot, actor.context, form, actor.hooks),
    () => `Saved ${said}.`,
  );
}

/** One select's choice as the form field takes it; a forged list of several is kept whole, for the parser to refuse. */
const single = (values: readonly string[]): string => values.join(',');

const scheduleView = async (actor: PanelActor): Promise<PanelView> => {
  const place = zonePlace((await storedSettings(actor)).schedule.timezone);
  return { section: 'schedule', ...(place ? { zones: place } : {}) };
};

const UNKNOWN_REGION: Notice = { tone: 'error', text: 'Pick a region from the list.' };

/** What a click on a control does (modals excepted, see `modalOf`): selects and switches save at once. */
export async function clickPanel(
  actor: PanelActor,
  control: Exclude<PanelControl, ModalControl>,
  values: readonly string[],
): Promise<PanelStep> {
  switch (control.kind) {
    case 'section':
      return control.section === 'schedule'
        ? { view: await scheduleView(actor) }
        : { view: { section: control.section } };
    case 'region': {
      const region = single(values);
      if (!zoneRegions().includes(region)) return { view: await scheduleView(actor), result: UNKNOWN_REGION };
      const place = zonePlace((await storedSettings(actor)).schedule.timezone);
      const page = place?.region === region ? place.page : 0;
      return { view: { section: 'schedule', zones: { region, page } } };
    }
    case 'zonePage': {
      const pages = zonePages(control.region).length;
      if (pages === 0) return { view: await scheduleView(actor), result: UNKNOWN_REGION };
      const page = Math.min(control.page, pages - 1);
      return { view: { section: 'schedule', zones: { region: control.region, page } } };
    }
    case 'zone': {
      const result = await saveSchedule(actor, { timezone: single(values) });
      const shown = { region: control.region, page: control.page };
      const view = await scheduleView(actor);
      return { view: result.tone === 'success' ? view : { section: 'schedule', zones: shown }, result };
    }
    case 'days': {
      const result = await saveSchedule(actor, { days: daysOfTicks(values) });
      return { view: await scheduleView(actor), result };
    }
    case 'digest': {
      // On again as it was (a cron schedule stays one); off as `/digest off`.
      const result = control.enabled
        ? saveResult(
            { kind: 'answered', reply: await turnScheduleOn(actor.bot, actor.context, actor.hooks) },
            noticesText,
          )
        : saveResult(
            await submitScheduleForm(
              actor.bot,
              actor.context,
              { time: '', timezone: '', days: [], enabled: false },
              actor.hooks,
            ),
            noticesText,
          );
      return { view: await scheduleView(actor), result };
    }
    case 'sources':
      return { view: { section: 'sources' }, result: await saveSettings(actor, { sources: [...values] }) };
    case 'top':
      return { view: { section: 'sources' }, result: await saveSettings(actor, { top: single(values) }) };
    case 'switch':
      return {
        view: { section: 'switches' },
        result: await saveSettings(actor, { [control.key]: control.value }),
      };
  }
}

/** What a submitted panel modal saves: the time, the minimum upvotes, the language, or terms added and removed. */
export async function submitPanelModal(
  actor: PanelActor,
  modal: PanelModal,
  fields: ReadonlyMap<string, string>,
): Promise<PanelStep> {
  switch (modal) {
    case 'time': {
      const result = await saveSchedule(actor, { time: fields.get(MODAL_FIELDS.time) ?? '' });
      return { view: await scheduleView(actor), result };
    }
    case 'minUpvotes': {
      const value = fields.get(MODAL_FIELDS.minUpvotes) ?? '';
      return { view: { section: 'sources' }, result: await saveSettings(actor, { 'min-upvotes': value }) };
    }
    case 'language': {
      const value = fields.get(MODAL_FIELDS.language) ?? '';
      return { view: { section: 'sources' }, result: await saveSettings(actor, { language: value }) };
    }
    case 'subscriptions': {
      const removed = parseTerms(fields.get(MODAL_FIELDS.remove) ?? '');
      const view: PanelView = { section: 'subscriptions' };
      if (!removed.ok) {
        const text = `Not saved. ${describeCommandError(removed.error).message}`;
        return { view, result: { tone: 'error', text, example: '/unsubscribe term:lora' } };
      }
      const form = {
        add: fields.get(MODAL_FIELDS.add) ?? '',
        remove: removed.value.map((term) => term.text),
      };
      const result = await submitSubscriptionsForm(actor.bot, actor.context, form, actor.hooks);
      return { view, result: saveResult(result, noticesText) };
    }
  }
}
