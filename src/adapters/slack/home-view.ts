import type { types } from '@slack/bolt';
import { describeOverview } from '../../core/bot/channel-overview.js';
import type { ChannelOverview } from '../../core/ports.js';
import { isChannelId } from './modal-metadata.js';
import { escapeMrkdwn, escapeWithin } from './mrkdwn.js';
import { HOME_ACTIONS } from './view-ids.js';
import { plain } from './view-parts.js';

/** Channels per page of the App Home: at most 4 blocks each, so a page stays well within a view's 100 blocks. */
export const HOME_PAGE_SIZE = 20;

type Blocks = types.KnownBlock[];

const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const note = (text: string): types.ContextBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text }],
});
const button = (actionId: string, text: string, value: string, primary = false): types.Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(text),
  value,
  ...(primary ? { style: 'primary' as const } : {}),
});
/** A Home; its `private_metadata` is the offset of the page it shows, for the modals opened from it. */
const home = (blocks: Blocks, offset = 0): types.HomeView => ({
  type: 'home',
  private_metadata: String(offset),
  blocks: [{ type: 'header', text: plain('paperboy', 150) }, ...blocks],
});

const mention = (channelId: string) => (isChannelId(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId));

/** One channel: its name, its overview lines, what is wrong there (marked), and the buttons that change it. */
function channelBlocks(overview: ChannelOverview, now: Date): Blocks {
  const lines = describeOverview(overview, now);
  const { channelId } = overview.channel;
  const body = [lines.schedule, lines.subscriptions, lines.settings, lines.lastDelivery]
    .map((line) => escapeWithin(line, 600))
    .join('\n');
  return [
    section(`*${mention(channelId)}*\n${body}`),
    ...(lines.problem ? [note(`:warning: *Problem:* ${escapeWithin(lines.problem, 1500)}`)] : []),
    {
      type: 'actions',
      block_id: `channel_${channelId}`.slice(0, 255),
      elements: [
        button(HOME_ACTIONS.editSchedule, 'Edit schedule', channelId, true),
        button(HOME_ACTIONS.editSubscriptions, 'Edit subscriptions', channelId),
        button(HOME_ACTIONS.settings, 'Settings', channelId),
        button(HOME_ACTIONS.preview, 'Preview digest', channelId),
        button(HOME_ACTIONS.postNow, 'Post digest now', channelId),
      ],
    },
    { type: 'divider' },
  ];
}

/**
 * The App Home of a person: one page of the channels paperboy knows that they can change, with Previous and
 * Next buttons (their value is the offset of the page they show) when there are more.
 */
export function channelsHome(
  page: { overviews: readonly ChannelOverview[]; total: number; offset: number },
  now: Date,
): types.HomeView {
  const { overviews, total, offset } = page;
  if (overviews.length === 0 && offset === 0) return emptyHome();
  const last = offset + overviews.length;
  const paging: types.Button[] = [
    ...(offset > 0
      ? [button(`${HOME_ACTIONS.page}_previous`, 'Previous', String(Math.max(0, offset - HOME_PAGE_SIZE)))]
      : []),
    ...(last < total ? [button(`${HOME_ACTIONS.page}_next`, 'Next', String(last))] : []),
  ];
  return home(
    [
      note(
        total > overviews.length
          ? `Your channels with paperboy: ${offset + 1}–${last} of ${total}`
          : `Your channels with paperboy: ${total}`,
      ),
      { type: 'divider' },
      ...overviews.flatMap((overview) => channelBlocks(overview, now)),
      ...(paging.length > 0 ? [{ type: 'actions' as const, block_id: 'paging', elements: paging }] : []),
      note('Or type /papers settings in a channel.'),
    ],
    offset,
  );
}

/** No channel to show: how to start. */
export const emptyHome = (): types.HomeView =>
  home([
    section(
      'paperboy is not in any of your channels yet. Invite it to a channel with `/invite @paperboy`, then set a digest there with `/papers schedule 09:00 Europe/Berlin weekdays`.',
    ),
    note('Type `/papers help` in any channel for every command.'),
  ]);

/** With `SLACK_ADMIN_ONLY`, a member who is not an admin changes nothing, so sees no buttons. */
export const adminsOnlyHome = (): types.HomeView =>
  home([
    section(
      "Only workspace admins and owners can change paperboy's settings and subscriptions in this workspace. Ask one of them.",
    ),
    note('You can still see a channel’s settings: type `/papers settings` there.'),
  ]);

/** The bot runs without the store that lists channels (a test set-up, the console). */
export const unavailableHome = (): types.HomeView =>
  home([section('paperboy cannot list channels here. Type `/papers settings` in a channel instead.')]);

/** Listing the channels failed (Slack or the database did not answer); the details are in the log. */
export const failedHome = (): types.HomeView =>
  home([
    section(
      'Something went wrong on our side while listing your channels. Open the Home tab again in a minute, or type `/papers settings` in a channel.',
    ),
  ]);
