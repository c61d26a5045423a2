import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../../src/core/bot/handle-command.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import { channels } from '../../../src/db/schema.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
/** Monday 15 June 2026, 10:00 in Berlin. */
const now = new Date('2026-06-15T08:00:00Z');

let handle: TestDatabase;
let bot: BotDependencies;
const say = async (text: string) =>
  (await handleText(bot, { channel, now }, text)).card.notices[0]?.text ?? '';

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  bot = createStoreBotDependencies(handle.db, silentLogger);
});
afterAll(async () => handle?.close());

describe('scheduling the weekly recap', () => {
  it('says when the recap posts next, in its own timezone, and /papers settings shows it', async () => {
    expect(await say('schedule recap fri 16:00 Europe/Berlin')).toBe(
      "Weekly recap scheduled: Fridays at 16:00 Europe/Berlin (next: Fri 19 Jun, 16:00). It shows the week's most saved and liked papers here, then the week's most upvoted ones this channel has not seen.",
    );
    expect((await say('settings')).split('\n')).toContain(
      'Weekly recap: Fridays at 16:00 Europe/Berlin (next: Fri 19 Jun, 16:00)  (/papers schedule recap fri 16:00 Europe/Berlin)',
    );
  });

  it('records the change at the time of the command, so the recap owes no week that ended before it', async () => {
    const later = new Date('2026-06-19T14:05:00Z');
    await handleText(bot, { channel, now: later }, 'schedule recap fri 16:00 Europe/Berlin');
    const [row] = await handle.db.select({ updatedAt: channels.updatedAt }).from(channels);
    expect(row?.updatedAt.toISOString()).toBe(later.toISOString());
  });

  it('shows Off once turned off', async () => {
    expect(await say('schedule recap off')).toContain('The weekly recap is off');
    expect((await say('settings')).split('\n')).toContain(
      'Weekly recap: Off  (/papers schedule recap fri 16:00 Europe/Berlin)',
    );
  });
});
