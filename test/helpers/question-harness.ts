import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, silentLogger } from '../../src/core/logger.js';
import type { QuestionDependencies } from '../../src/core/questions/answer-question.js';
import type { Database } from '../../src/db/database.js';
import { createPaperFullTexts } from '../../src/ingest/paper-full-texts.js';
import { createOpenAiCompatibleModel } from '../../src/llm/openai-compatible-model.js';
import { createArxivHtmlSource } from '../../src/sources/arxiv-html.js';
import { createHttpClient } from '../../src/sources/http-client.js';
import { createQuestionStore } from '../../src/store/question-store.js';
import { createStoreBotDependencies } from '../../src/store/store-bot-dependencies.js';
import { type FakeLlm, startFakeLlm } from './fake-llm.js';

/** An invented LaTeXML page, served as the full text of every paper the fake arXiv is asked for. */
export const INVENTED_HTML = readFileSync(
  new URL('../fixtures/arxiv_html_invented.html', import.meta.url),
  'utf8',
);
/** A sentence of that page, word for word: a quote an answer may rest on. */
export const INVENTED_QUOTE = 'We propose Pocket-LoRA';

/** arXiv's HTML pages on 127.0.0.1: every id has the invented page, except those in `missing` (404). */
export async function startFakeArxivHtml() {
  const missing = new Set<string>();
  const asked: string[] = [];
  const server = createServer((request, response) => {
    const id = decodeURIComponent((request.url ?? '/').replace(/^\/html\//, ''));
    asked.push(id);
    if (missing.has(id)) response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(INVENTED_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/html`,
    missing,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What questions need, on a test database, with a real client talking to a fake OpenAI-compatible model and a
 * fake arXiv HTML server: the pieces a platform test wires into its bot.
 */
export async function startQuestionHarness(
  db: Database,
  options: { limits?: QuestionDependencies['limitValues']; logger?: Logger; withModel?: boolean } = {},
) {
  const llm: FakeLlm = await startFakeLlm();
  const arxiv = await startFakeArxivHtml();
  const http = createHttpClient({ userAgent: 'paperboy-test', timeoutMs: 2_000, maxRetries: 0 });
  const stores = createStoreBotDependencies(db, silentLogger);
  const questions: QuestionDependencies = {
    model:
      options.withModel === false
        ? null
        : createOpenAiCompatibleModel({ baseUrl: llm.url, model: 'fake-model', timeoutMs: 2_000 }),
    limits: createQuestionStore(db),
    limitValues: options.limits ?? { perUserHour: 10, perWorkspaceDay: 100 },
    catalog: stores.catalog,
    ...(stores.postedMessages ? { postedMessages: stores.postedMessages } : {}),
    channels: stores.channels,
    fullTexts: createPaperFullTexts({
      db,
      html: createArxivHtmlSource({ baseUrl: arxiv.url, http }),
      logger: silentLogger,
    }),
    logger: options.logger ?? silentLogger,
  };
  return {
    questions,
    llm,
    arxiv,
    async close() {
      await llm.close();
      await arxiv.close();
    },
  };
}
