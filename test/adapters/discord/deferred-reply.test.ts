import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createButtonCodec } from '../../../src/adapters/discord/buttons.js';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.js';
import { createInteractionHandler } from '../../../src/adapters/discord/interaction-handler.js';
import type { DiscordInteraction } from '../../../src/adapters/discord/interaction-schema.js';
import type { InteractionResponse } from '../../../src/adapters/discord/interaction-types.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { concurrencyLimit } from '../../../src/core/concurrency-limit.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { type FakeDiscord, startFakeDiscord } from '../../helpers/fake-discord.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { APPLICATION_ID, botOn, commandInteraction, NOW } from './discord-fixtures.js';

let handle: DatabaseHandle;
let bot: BotDependencies;
let discord: FakeDiscord;

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  bot = await botOn(handle);
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
});
afterAll(async () => {
  await discord?.close();
  await handle?.close();
});

const handlerWith = (dependencies: BotDependencies, deferAfterMs: number) =>
  createInteractionHandler({
    bot: dependencies,
    rest: createDiscordRest(discord.api, 'test-token'),
    applicationId: APPLICATION_ID,
    buttons: createButtonCodec(),

    now: () => NOW,
    deferAfterMs,
  });

async function run(handler: ReturnType<typeof handlerWith>, interaction: unknown) {
  const responses: InteractionResponse[] = [];
  await handler(interaction as DiscordInteraction, async (response) => {
    responses.push(response);
  });
  return responses;
}

describe('interaction replies', () => {
  it('defers a slow answer (type 5, ephemeral) and then edits the original with the results', async () => {
    const slow: BotDependencies = {
      ...bot,
      search: {
        search: async (request, now) => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          return bot.search.search(request, now);
        },
      },
    };
    const interaction = commandInteraction('papers', [{ name: 'topic', type: 3, value: 'lora' }], {
      token: 'slow-token',
    });
    const responses = await run(handlerWith(slow, 20), interaction);
    expect(responses).toEqual([{ type: 5, data: { flags: 64 } }]);
    const edit = discord.calls.find((call) => call.method === 'PATCH' && call.path.includes('slow-token'));
    expect(edit?.path).toBe(`/webhooks/${APPLICATION_ID}/slow-token/messages/@original`);
    expect((edit?.body as { embeds: unknown[] } | undefined)?.embeds.length).toBeGreaterThan(1);
    expect(edit?.authorization).toBeUndefined();
  });

  it('defers at once while other answers wait for a slot, then edits the original', async () => {
    const answerLimit = concurrencyLimit(1);
    let release: () => void = () => {};
    const held = answerLimit(() => new Promise<void>((resolve) => (release = resolve)));
    // A budget longer than the test's timeout: only deferring at once lets this test pass.
    const queued = handlerWith({ ...bot, answerLimit }, 60_000);
    const interaction = commandInteraction('papers', [{ name: 'topic', type: 3, value: 'lora' }], {
      token: 'queued-token',
    });
    let handled: Promise<void> = Promise.resolve();
    const first = await new Promise<InteractionResponse>((resolve) => {
      handled = queued(interaction as DiscordInteraction, async (response) => resolve(response));
    });
    expect(first).toEqual({ type: 5, data: { flags: 64 } });
    release();
    await held;
    await handled;
    expect(JSON.stringify(await discord.answerFor('queued-token', first))).toContain('LoRA');
  });

  it('pages with the Next button by updating the message (type 7)', async () => {
    const handler = handlerWith(bot, 2000);
    const first = await run(
      handler,
      commandInteraction('papers', [
        { name: 'topic', type: 3, value: 'model' },
        { name: 'limit', type: 4, value: 2 },
      ]),
    );
    const rows = first[0]?.data?.components as
      | { components: { label: string; custom_id: string }[] }[]
      | undefined;
    const buttons = rows?.flatMap((row) => row.components) ?? [];
    const next = buttons.find((button) => button.label === 'Next');
    expect(next).toBeDefined();
    const page = await run(handler, {
      ...commandInteraction('papers'),
      type: 3,
      data: { custom_id: next?.custom_id, component_type: 2 },
    });
    expect(page[0]?.type).toBe(7);
    expect(JSON.stringify(page[0]?.data)).toContain('page 2 of');
  });

  it('suggests topics from the channel terms and recent Hugging Face keywords (autocomplete)', async () => {
    const handler = handlerWith(bot, 2000);
    const responses = await run(handler, {
      ...commandInteraction('papers', [{ name: 'topic', type: 3, value: '', focused: true } as never]),
      type: 4,
    });
    expect(responses[0]?.type).toBe(8);
    const choices =
      (responses[0]?.data as { choices: { name: string; value: string }[] } | undefined)?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});
