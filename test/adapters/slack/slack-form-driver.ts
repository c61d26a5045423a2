import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { SettingsForm } from '../../../src/core/commands/settings-form.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { startFakeSlack } from '../../helpers/fake-slack.js';
import { createSlackUser } from '../../helpers/fake-slack-interactions.js';
import { postSigned, slashCommandBody } from '../../helpers/fake-slack-receivers.js';
import type { FakeInput } from '../../helpers/fake-slack-view-state.js';
import type { FakeView, SubmissionOutcome } from '../../helpers/fake-slack-views.js';
import { SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

export interface FormDriver {
  /** Sets these settings through the platform's controls, as a user would; resolves once answered. */
  settings(values: SettingsForm): Promise<void>;
  schedule(values: {
    time: string;
    timezone: string;
    days: readonly string[] /* ticked, mon..sun */;
    enabled?: boolean;
  }): Promise<void>;
  subscriptions(values: { add: string; remove: readonly string[] }): Promise<void>;
  close(): Promise<void>;
}

const asInput = (value: string | readonly string[] | boolean): FakeInput =>
  typeof value === 'boolean' ? (value ? 'on' : 'off') : value;

/**
 * Slack's modals driven as a person would, through the real Bolt app over HTTP: settings from the Edit button
 * under `/papers settings`, schedule and subscriptions from the channel's buttons on the App Home (a timezone is
 * typed into its menu first, as Slack's client asks for the options). Every value is sent even when the control
 * would not offer it (a forged submission), so the server's own checks decide, as they must.
 */
export async function startSlackFormDriver(options: {
  bot: BotDependencies;
  handle: DatabaseHandle;
  channel: ChannelRef;
  userId?: string;
}): Promise<FormDriver> {
  const { bot, channel } = options;
  const userId = options.userId ?? 'U1';
  const teamId = channel.workspaceId;
  const fake = await startFakeSlack({ teamId });
  const slack = await startSlackOverHttp({ bot, handle: options.handle, fake });
  fake.conversations.join(userId, [channel.channelId]);
  const person = createSlackUser({
    fake,
    eventsUrl: slack.eventsUrl,
    secret: SIGNING_SECRET,
    userId,
    teamId,
  });
  let commands = 0;

  const openedModal = (): FakeView => {
    const modal = fake.views.modalOf(userId);
    if (!modal) throw new Error('Slack shows no modal');
    return modal;
  };
  /** Submits, and once saved waits for the App Home the app publishes again after its ack. */
  const submit = async (modal: FakeView, values: Record<string, FakeInput>): Promise<SubmissionOutcome> => {
    const republished = fake.nextCall('views.publish');
    const fromHome =
      (JSON.parse(String(modal.view.private_metadata)) as { home?: number }).home !== undefined;
    const { outcome } = await person.submit(modal, values, { tampered: true });
    const saved =
      outcome.action === 'update' && (outcome.view.view.title as { text?: string }).text === 'Saved';
    if (saved && fromHome) await republished;
    return outcome;
  };
  const openFromHome = async (actionId: string): Promise<FakeView> => {
    await bot.channels.ensure(channel);
    const home = await person.openHome();
    await person.clickInView(home, actionId, { value: channel.channelId, waitFor: 'views.update' });
    return openedModal();
  };

  return {
    async settings(values) {
      commands += 1;
      const id = `driver-${commands}`;
      const responseUrl = slack.responses.url(id);
      const body = slashCommandBody({
        text: 'settings',
        responseUrl,
        teamId,
        channelId: channel.channelId,
        userId,
      });
      const ack = await postSigned(slack.eventsUrl, body, { secret: SIGNING_SECRET });
      const answer = ack.text === '' ? (await slack.responses.waitFor(id))[0]?.body : JSON.parse(ack.text);
      await person.clickInMessage(
        { blocks: (answer as { blocks?: unknown }).blocks, channelId: channel.channelId, responseUrl },
        'papers_edit_settings',
        { waitFor: 'views.update' },
      );
      const inputs = Object.fromEntries(
        Object.entries(values).flatMap(([key, value]) =>
          value === undefined ? [] : [[key, asInput(value)]],
        ),
      );
      await submit(openedModal(), inputs);
    },
    async schedule(values) {
      const modal = await openFromHome('home_edit_schedule');
      await person.suggest(modal, 'timezone', values.timezone);
      await submit(modal, {
        enabled: values.enabled === false ? 'off' : 'on',
        time: values.time,
        timezone: values.timezone,
        days: values.days,
      });
    },
    async subscriptions(values) {
      const modal = await openFromHome('home_edit_subscriptions');
      const blocks = modal.view.blocks as {
        block_id?: string;
        element?: { options?: { value: string }[] };
      }[];
      const ticked: Record<string, string[]> = {};
      for (const text of values.remove) {
        const block = blocks.find((entry) => entry.element?.options?.some((option) => option.value === text));
        const blockId = block?.block_id ?? 'remove';
        ticked[blockId] = [...(ticked[blockId] ?? []), text];
      }
      await submit(modal, { add: values.add, ...ticked });
    },
    async close() {
      await slack.close();
      await fake.close();
    },
  };
}
