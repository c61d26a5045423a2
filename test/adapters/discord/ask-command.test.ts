import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { DISCORD_COMMANDS } from '../../../src/adapters/discord/command-definitions.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { paperLinkCard, paperListCard } from '../../../src/core/cards/build-cards.js';
import type { Card } from '../../../src/core/cards/card.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Paper } from '../../../src/core/paper.js';
import type { PostedMessages } from '../../../src/core/ports.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { type FakeDiscord, type SeenAnswer, startFakeDiscord } from '../../helpers/fake-discord.js';
import { INVENTED_QUOTE, startQuestionHarness } from '../../helpers/question-harness.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../helpers/test-database.js';
import {
  APPLICATION_ID,
  adapterContext,
  botOn,
  CHANNEL_ID,
  commandInteraction,
  discordConfig,
  GUILD_ID,
  NOW,
  sendSigned,
  testKeyPair,
} from './discord-fixtures.js';

const channel: ChannelRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
let handle: TestDatabase;
let discord: FakeDiscord;
let bot: BotDependencies;
let http: HttpServer;
let adapter: ChatAdapter;
let url = '';
let privateKey: KeyObject;
let questions: Awaited<ReturnType<typeof startQuestionHarness>>;
let papers: Paper[];
let asked = 0;

beforeAll(async () => {
  handle = await openTestDatabase(postgresUrl ? 'postgres' : 'pglite');
  questions = await startQuestionHarness(handle.db);
  bot = { ...(await botOn(handle)), questions: questions.questions };
  discord = await startFakeDiscord({ applicationId: APPLICATION_ID });
  const keys = testKeyPair();
  privateKey = keys.privateKey;
  http = createHttpServer(silentLogger);
  const config = discordConfig({
    DISCORD_API_URL: discord.api,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_GATEWAY: 'false',
  });
  adapter = createDiscordAdapter(adapterContext(config, handle, bot, http));
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/discord/interactions`;
  papers = await bot.catalog.topOfDays('2026-06-12', '2026-06-12', 3);
});
afterAll(async () => {
  await adapter?.stop();
  await http?.close();
  await discord?.close();
  await questions?.close();
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.execute('truncate paper_questions');
});

/** A post of paperboy's in the channel whose thread is `threadId` (Discord's thread id is the post's id). */
async function postedWithThread(card: Card, threadId: string) {
  await bot.channels.ensure(channel);
  await (bot.postedMessages as PostedMessages).record(
    { channel, messageId: threadId, card, perPaper: card.items.length === 1 },
    NOW,
  );
}

/** `/ask question: paper:` in the thread `threadId` (or in the channel), over signed HTTP; what the user sees. */
async function ask(question: string, where: { threadId?: string; paper?: string } = {}) {
  asked += 1;
  const options = [
    { name: 'question', type: 3, value: question },
    ...(where.paper ? [{ name: 'paper', type: 3, value: where.paper }] : []),
  ];
  const body = commandInteraction('ask', options, {
    id: `61000000000000${String(asked).padStart(4, '0')}`,
    token: `ask-token-${asked}`,
  });
  if (where.threadId) {
    body.channel_id = where.threadId;
    body.channel = {
      id: where.threadId,
      type: 11,
      parent_id: CHANNEL_ID,
      guild_id: GUILD_ID,
      name: 'Details',
    } as typeof body.channel;
  }
  const initial = await sendSigned({ discord, url, privateKey, now: () => NOW }, body);
  return discord.answerFor(body.token, initial);
}

const shown = (answer: SeenAnswer) => JSON.stringify(answer.data);
const lastPrompt = () =>
  JSON.stringify((questions.llm.requests.at(-1)?.body as { messages?: unknown })?.messages);

describe('/ask on Discord', () => {
  it('is registered with a required question and an optional paper', () => {
    const command = DISCORD_COMMANDS.find((entry) => entry.name === 'ask') as {
      options?: { name: string; required?: boolean }[];
    };
    expect(command.options?.map((option) => [option.name, option.required ?? false])).toEqual([
      ['question', true],
      ['paper', false],
    ]);
  });

  it("answers in a paper's thread from its full text, in public, without pinging anyone", async () => {
    await postedWithThread(paperLinkCard(papers[0] as Paper), '900000000000000001');
    questions.llm.enqueue({
      text: `ANSWER: One shared basis, says @everyone at [this](https://evil.example).\nQUOTE: ${INVENTED_QUOTE}`,
    });
    const answer = await ask('What do the adapters share?', { threadId: '900000000000000001' });
    const text = shown(answer);
    expect(text).toContain('One shared basis');
    expect(text).toContain(INVENTED_QUOTE);
    expect(text).not.toContain('evil.example');
    expect(text).not.toMatch(/(?<!\\u200b|\u200b)@everyone/);
    expect(answer.data.allowed_mentions).toEqual(expect.objectContaining({ parse: [] }));
    expect(answer.data.flags ?? 0).toBe(0);
    expect(lastPrompt()).toContain(papers[0]?.title);
    expect(lastPrompt()).toContain('What do the adapters share?');
  });

  it('takes the paper by its number in a digest thread, or by arXiv id anywhere', async () => {
    await postedWithThread(paperListCard('Your paper digest', undefined, papers), '900000000000000002');
    const unsure = await ask('What dataset?', { threadId: '900000000000000002' });
    expect(shown(unsure)).toContain(`This thread has ${papers.length} papers`);
    questions.llm.enqueue({ text: 'ANSWER: The third one.' });
    await ask('What dataset?', { threadId: '900000000000000002', paper: '3' });
    expect(lastPrompt()).toContain(papers[2]?.title);
    questions.llm.enqueue({ text: 'NOT_IN_PAPER' });
    const byId = await ask('What dataset?', { paper: papers[1]?.id as string });
    expect(lastPrompt()).toContain(papers[1]?.title);
    expect(shown(byId)).toContain('The paper does not say.');
  });

  it('says how to ask when used outside a paper thread without naming a paper', async () => {
    const before = questions.llm.requestCount;
    const answer = await ask('What is new?');
    expect(shown(answer)).toContain('name the paper');
    expect(questions.llm.requestCount).toBe(before);
  });
});
