import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { openBotDatabase } from './slack-harness.js';
import { slackChannel, startSlackViews, titleOf, viewText } from './slack-views-harness.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackViews>>;
let channelCount = 0;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  slack = await startSlackViews({ bot, handle });
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

const termsOf = async (channelId: string) =>
  (await bot.subscriptions.list(slackChannel(channelId))).map((term) => term.text);

/** A new channel, with these terms followed through `/papers subscribe`; its subscriptions modal, opened from the Home. */
async function openWith(subscribe: string | null, userId = 'U1') {
  channelCount += 1;
  const channelId = `CSUBS${channelCount}`;
  await bot.channels.ensure(slackChannel(channelId));
  if (subscribe) await slack.command(`subscribe ${subscribe}`, channelId, userId);
  slack.fake.conversations.join(userId, [channelId]);
  const person = slack.user(userId);
  const home = await person.openHome();
  await person.clickInView(home, 'home_edit_subscriptions', { value: channelId, waitFor: 'views.update' });
  const modal = slack.fake.views.modalOf(userId);
  if (!modal) throw new Error('no modal open');
  return { person, modal, channelId };
}

const removeBlocks = (view: Record<string, unknown>) =>
  (view.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).filter((block) =>
    block.block_id?.startsWith('remove'),
  );

describe('the subscriptions modal', () => {
  it('adds what /papers subscribe adds, with the same syntax', async () => {
    const terms = 'lora "vision language" -survey category:cs.CL';
    const { person, modal, channelId } = await openWith(null);
    await slack.command(`subscribe ${terms}`, `${channelId}T`, 'U1');
    const { outcome } = await person.submit(modal, { add: terms });
    expect(outcome.action === 'update' && titleOf(outcome.view.view)).toBe('Saved');
    expect(await termsOf(channelId)).toEqual(await termsOf(`${channelId}T`));
  });

  it('removes the ticked terms as /papers unsubscribe does, and adds in the same save', async () => {
    const { person, modal, channelId } = await openWith('lora grokking "state space"');
    await slack.command('subscribe lora grokking "state space"', `${channelId}T`, 'U1');
    await slack.command('unsubscribe grokking', `${channelId}T`, 'U1');
    await slack.command('subscribe mamba', `${channelId}T`, 'U1');
    await person.submit(modal, { add: 'mamba', remove: ['grokking'] });
    expect(await termsOf(channelId)).toEqual(await termsOf(`${channelId}T`));
    expect(await termsOf(channelId)).toEqual(['lora', '"state space"', 'mamba']);
  });

  it('shows up to 50 terms as checkboxes in blocks of 10', async () => {
    const many = Array.from({ length: 50 }, (_, index) => `term${index + 1}`).join(' ');
    const { person, modal, channelId } = await openWith(many);
    const blocks = removeBlocks(modal.view);
    expect(blocks.map((block) => block.element?.options?.length)).toEqual([10, 10, 10, 10, 10]);
    const { outcome } = await person.submit(modal, { remove_3: ['term21', 'term30'], remove_5: ['term50'] });
    expect(outcome.action).toBe('update');
    const left = await termsOf(channelId);
    expect(left).toHaveLength(47);
    expect(left).not.toContain('term21');
    expect(left).not.toContain('term50');
  });

  it('refuses what /papers subscribe refuses, with its error under the field, and saves nothing', async () => {
    const { person, modal, channelId } = await openWith('lora');
    const typed = await slack.command('subscribe x', channelId, 'U1');
    const { outcome } = await person.submit(modal, { add: 'x', remove: ['lora'] });
    expect(outcome.action).toBe('errors');
    const error = outcome.action === 'errors' ? outcome.errors.add : '';
    expect(typed.body.text).toContain(error?.split('.')[0]);
    expect(await termsOf(channelId)).toEqual(['lora']);
  });

  it('refuses more than 50 terms, and answers a term to remove that the channel does not follow as /papers unsubscribe does', async () => {
    const { person, modal, channelId } = await openWith(
      Array.from({ length: 49 }, (_, index) => `t${index + 1}x`).join(' '),
    );
    const full = await person.submit(modal, { add: 'one two' });
    expect(full.outcome).toMatchObject({
      action: 'errors',
      errors: { add: expect.stringContaining('at most 50') },
    });
    const forged = await person.submit(modal, { remove: ['never-followed'] }, { tampered: true });
    const typed = await slack.command('unsubscribe never-followed', channelId, 'U1');
    expect(forged.outcome.action).toBe('update');
    expect(forged.outcome.action === 'update' && viewText(forged.outcome.view.view)).toContain(
      'not subscribed to never-followed',
    );
    expect(typed.body.text).toContain('not subscribed to never-followed');
    expect(await termsOf(channelId)).toHaveLength(49);
  });
});
