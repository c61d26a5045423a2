import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { timezoneRegion } from '../../../src/core/commands/form-options.js';
import { CONFIG_KEYS } from '../../../src/core/commands/parse-config.js';
import type { SettingsForm } from '../../../src/core/commands/settings-form.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { startFakeDiscord } from '../../helpers/fake-discord.js';
import { APPLICATION_ID, adapterContext, discordConfig, testKeyPair } from './discord-fixtures.js';
import { createPanelSession, type PanelAnswer, type PanelSession } from './panel-session.js';

export interface FormDriver {
  /** Sets these settings through the platform's controls, as a user would; resolves once answered. */
  settings(values: SettingsForm): Promise<void>;
  schedule(values: {
    time: string;
    timezone: string;
    /** ticked, mon..sun */
    days: readonly string[];
    enabled?: boolean;
  }): Promise<void>;
  subscriptions(values: { add: string; remove: readonly string[] }): Promise<void>;
  close(): Promise<void>;
  /** What the member saw after each step (the panel redrawn, a modal, a refusal), in order. */
  readonly answers: readonly PanelAnswer[];
}

const SWITCH_KEYS = new Set(['threads', 'alerts', 'empty', 'learn', 'shared']);
const ON = new Set(['on', 'true', 'yes']);
const OFF = new Set(['off', 'false', 'no']);

/** A switch's value as its button sets it (`on`/`off`, `digest`/`instant`, `show`/`hide`); other text as given. */
const switchValue = (value: string | readonly string[] | boolean): string => {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  const text = (typeof value === 'string' ? value : value.join(',')).trim().toLowerCase();
  return ON.has(text) ? 'on' : OFF.has(text) ? 'off' : text;
};

const asList = (value: string | readonly string[] | boolean): string[] =>
  typeof value === 'string'
    ? value.split(',').map((part) => part.trim())
    : Array.isArray(value)
      ? [...value]
      : [String(value)];

const asText = (value: string | readonly string[] | boolean): string =>
  typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value : value.join(',');

/**
 * Drives the real settings panel on Discord (the adapter answering signed HTTP interactions, against the fake
 * Discord) for the cross-platform table test: each call opens the panel with `/digest config`, as a member with
 * Manage Channels, then clicks the section buttons, picks in the selects, clicks the switches and submits the
 * modals that reach the values.
 *
 * One control saves one field, as on Discord: `settings` saves field by field (a form with one bad field still
 * saves the good ones, each control being its own command); `schedule` saves the timezone (region, page, zone),
 * then the days, then the time, and stops at the first control that is refused. A value no control offers (a
 * zone `Mars/Olympus`, top `999`, an unknown switch value) is sent as a tampered client would send it, in the
 * control's select or as a forged switch button, so the bot's refusal can be compared with the text command's.
 * `channel` must be a Discord channel (snowflake ids).
 */
export async function startDiscordFormDriver(options: {
  bot: BotDependencies;
  handle: DatabaseHandle;
  channel: ChannelRef;
  /** The adapter's clock (default: the real one). */
  now?: () => Date;
}): Promise<FormDriver> {
  const { bot, handle, channel } = options;
  if (!/^\d{1,20}$/.test(channel.workspaceId) || !/^\d{1,20}$/.test(channel.channelId))
    throw new Error(
      'startDiscordFormDriver needs a Discord channel: workspaceId and channelId as snowflakes.',
    );
  const now = options.now ?? (() => new Date());
  const discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const { privateKey, publicKeyHex } = testKeyPair();
  const config = discordConfig({
    DISCORD_API_URL: discord.api,
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_GATEWAY: 'false',
  });
  const http = createHttpServer(silentLogger);
  const adapter = createDiscordAdapter(adapterContext(config, handle, bot, http, now));
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  const harness = { discord, url: `http://127.0.0.1:${port}/discord/interactions`, privateKey, now };
  const answers: PanelAnswer[] = [];
  const where = { guildId: channel.workspaceId, channelId: channel.channelId };

  const step = async (answer: Promise<PanelAnswer>): Promise<PanelAnswer> => {
    const seen = await answer;
    answers.push(seen);
    return seen;
  };
  /** A saving step went through: the panel was drawn again with a success line. */
  const saved = (answer: PanelAnswer) =>
    answer.text.split('\n').every((line) => !line.startsWith('Not saved'));
  const opened = async (section: string): Promise<PanelSession> => {
    const session = createPanelSession(harness, { where });
    await step(session.open());
    if (section !== 'schedule') await step(session.click(`p|sec|${section}`));
    return session;
  };
  /** Picks `values` in the select `id`, sends them whether or not it offers them. */
  const pick = (session: PanelSession, id: string, values: string[]) => step(session.click(id, values));
  /** Opens the modal behind the button starting with `prefix`, then submits it with `fields`. */
  const viaModal = async (
    session: PanelSession,
    prefix: string,
    modalId: string,
    fields: Record<string, string>,
  ) => {
    const button = session.find(`${prefix}…`);
    await step(session.click(button?.custom_id ?? prefix));
    return step(session.submit(modalId, fields));
  };

  async function setSwitch(session: PanelSession, key: string, value: string) {
    const flip = session.find(`p|set|${key}|…`);
    const offered = flip?.custom_id.split('|')[3];
    const current = flip?.label?.split(': ').at(-1);
    if (value === current) return;
    await step(session.click(offered === value ? (flip?.custom_id ?? '') : `p|set|${key}|${value}`));
  }

  return {
    answers,
    async settings(values) {
      const keys = CONFIG_KEYS.filter((key) => values[key] !== undefined);
      const sources = keys.filter((key) => !SWITCH_KEYS.has(key));
      const switches = keys.filter((key) => SWITCH_KEYS.has(key));
      if (sources.length > 0) {
        const session = await opened('sources');
        for (const key of sources) {
          const value = values[key]!;
          if (key === 'top') await pick(session, 'p|top', [asText(value)]);
          if (key === 'sources') await pick(session, 'p|src', asList(value));
          if (key === 'min-upvotes')
            await viaModal(session, 'p|minup|', 'p|m|minup', { 'min-upvotes': asText(value) });
          if (key === 'language') await viaModal(session, 'p|lang|', 'p|m|lang', { language: asText(value) });
        }
      }
      if (switches.length > 0) {
        const session = await opened('switches');
        for (const key of switches) await setSwitch(session, key, switchValue(values[key]!));
      }
    },

    async schedule(values) {
      const session = await opened('schedule');
      if (values.enabled === false) {
        if (session.find('p|off')) await step(session.click('p|off'));
        return;
      }
      const region = timezoneRegion(values.timezone);
      const regions = session.find('p|reg')?.options?.map((option) => option.value) ?? [];
      if (regions.includes(region)) {
        await pick(session, 'p|reg', [region]);
        for (let pages = 0; pages < 10; pages++) {
          const zones = session.find('p|zone|…');
          if (zones?.options?.some((option) => option.value === values.timezone)) break;
          const next = session
            .components()
            .find(
              (component) =>
                component.custom_id.startsWith('p|zpage|') && component.label?.startsWith('Later'),
            );
          if (!next) break;
          await step(session.click(next.custom_id));
        }
      }
      const zoneSelect = session.find('p|zone|…')?.custom_id ?? `p|zone|${region}|0`;
      if (!saved(await pick(session, zoneSelect, [values.timezone]))) return;
      if (!saved(await pick(session, 'p|days', [...values.days]))) return;
      await viaModal(session, 'p|time|', 'p|m|time', { time: values.time });
    },

    async subscriptions(values) {
      const session = await opened('subscriptions');
      await viaModal(session, 'p|subs', 'p|m|subs', { add: values.add, remove: values.remove.join(' ') });
    },

    async close() {
      await adapter.stop();
      await http.close();
      await discord.close();
    },
  };
}
