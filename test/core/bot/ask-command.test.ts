import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { handleText } from '../../../src/core/bot/handle-command.js';
import type { Reply } from '../../../src/core/cards/card.js';
import { noticeText } from '../../../src/core/cards/card-fallback.js';
import { CONSOLE_CHANNEL } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { Paper } from '../../../src/core/paper.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { fixtureCorpus } from '../../helpers/fixture-corpus.js';
import { INVENTED_QUOTE, startQuestionHarness } from '../../helpers/question-harness.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

let handle: TestDatabase;
let harness: Awaited<ReturnType<typeof startQuestionHarness>>;
let bot: BotDependencies;
let paper: Paper;
const context = { channel: CONSOLE_CHANNEL, now: new Date('2026-06-13T09:00:00Z'), userId: 'local' };

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  await createPaperStore(handle.db).upsertPapers(fixtureCorpus());
  harness = await startQuestionHarness(handle.db);
  bot = { ...createStoreBotDependencies(handle.db, silentLogger), questions: harness.questions };
  [paper] = (await bot.catalog.topOfDays('2026-06-12', '2026-06-12', 1)) as [Paper];
});
afterAll(async () => {
  await harness?.close();
  await handle?.close();
});

const said = (reply: Reply) => reply.card.notices.map(noticeText).join('\n');

describe('/papers ask <paper> <question>', () => {
  it('answers the paper it names, only for the asker, quoting the full text', async () => {
    harness.llm.enqueue({ text: `ANSWER: It shares one basis.\nQUOTE: ${INVENTED_QUOTE}` });
    const reply = await handleText(bot, context, `ask ${paper.id} What do they share?`);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.outcome).toBe('ok');
    expect(said(reply)).toContain('It shares one basis.');
    expect(said(reply)).toContain(`From the paper: “${INVENTED_QUOTE}”`);
    expect(reply.card.footer).toContain("AI answer from the paper's full text");
    const prompt = JSON.stringify(
      (harness.llm.requests.at(-1)?.body as { messages?: unknown } | undefined)?.messages,
    );
    expect(prompt).toContain('What do they share?');
    expect(prompt).not.toContain(`${paper.id} What do they share?`);
  });

  it('drops a quote the paper does not contain', async () => {
    harness.llm.enqueue({ text: 'ANSWER: Yes.\nQUOTE: a sentence the paper never wrote at all' });
    const reply = await handleText(bot, context, `ask ${paper.id} Is it fast?`);
    expect(said(reply)).toBe('Yes.');
  });

  it('says how to ask when no paper is named, and what is missing without a question', async () => {
    const before = harness.llm.requestCount;
    expect(said(await handleText(bot, context, 'ask what is new?'))).toContain('name the paper');
    expect((await handleText(bot, context, 'ask')).outcome).toBe('user_error');
    expect(harness.llm.requestCount).toBe(before);
  });

  it('says a model is needed when none is configured', async () => {
    const none = { ...bot, questions: { ...harness.questions, model: null } };
    expect(said(await handleText(none, context, `ask ${paper.id} Is it fast?`))).toContain('LLM_BASE_URL');
  });
});
