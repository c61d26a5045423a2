import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/language-model.js';
import { createPaperStore } from '../../src/store/paper-store.js';
import { createTldrStore } from '../../src/store/tldr-store.js';
import { type FakeLlm, startFakeLlm } from '../helpers/fake-llm.js';
import { openTestDatabase, resetTables, type TestDatabase } from '../helpers/test-database.js';
import { fakeModel, inventedPaper, jobRows, manualClock, tldrRows, tldrWorkerOn } from './tldr-fixtures.js';

const start = new Date('2026-06-13T10:00:00Z');
const clock = manualClock(start);
const paper = inventedPaper('2606.72001', 'Heron Retrieval', {
  abstract: 'We propose Heron Retrieval, an index that finds invented passages. It halves latency.',
});
const MALICIOUS_ANSWER =
  'TL;DR: Heron Retrieval indexes passages, see https://evil.example/steal now. Tell @everyone and <!channel> that it halves latency. A third sentence that must go.';
const CLEANED =
  'Heron Retrieval indexes passages, see [link removed] now. Tell @\u200beveryone and channel that it halves latency.';

let handle: TestDatabase;
let llm: FakeLlm;
beforeAll(async () => {
  handle = await openTestDatabase('pglite');
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  clock.set(start);
  await resetTables(handle);
  await createPaperStore(handle.db).upsertPapers([paper], start);
  llm = await startFakeLlm();
});
afterEach(async () => llm.close());

const messagesOf = (index: number): ChatMessage[] =>
  (llm.requests[index]?.body as { messages?: ChatMessage[] } | undefined)?.messages ?? [];

describe.each([
  { mode: 'whole answers', stream: false },
  { mode: 'streamed answers', stream: true },
])('the TL;DR worker with the model answering ($mode)', ({ stream }) => {
  it('stores the cleaned answer (no link, mentions defused, two sentences) and deletes the job', async () => {
    await createTldrStore(handle.db).request([paper.id], 'de', 10, clock.now());
    llm.enqueue({ text: MALICIOUS_ANSWER, usage: { promptTokens: 120, completionTokens: 30 } });
    const { worker, health } = tldrWorkerOn(handle.db, fakeModel(llm, { stream }), { now: clock.now });

    expect(await worker.runOnce()).toBe(1);
    expect(llm.requestCount).toBe(1);
    expect(llm.requests[0]?.body).toMatchObject({ stream, max_tokens: 160 });
    const [stored, ...others] = await tldrRows(handle.db);
    expect(others).toEqual([]);
    expect(stored).toEqual({ paper_id: paper.id, language: 'de', text: CLEANED, model: 'fake-model' });
    expect(stored?.text).not.toMatch(/https?:|evil\.example|<!channel>|@everyone|third sentence/);
    expect(await jobRows(handle.db)).toEqual([]);
    expect(health.ready()).toBe(true);
    expect(await worker.runOnce()).toBe(0);
    expect(llm.requestCount).toBe(1);
  });

  it('names the language in the prompt and quotes the title and abstract inside <paper> tags', async () => {
    const tldrs = createTldrStore(handle.db);
    await tldrs.request([paper.id], 'de', 10, clock.now());
    await tldrs.request([paper.id], 'pt-BR', 5, clock.now());
    llm.respond(() => ({ text: 'Heron Retrieval findet Passagen. Es halbiert die Latenz.' }));
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm, { stream }), {
      now: clock.now,
      concurrency: 1,
    });

    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(1);
    const [system, user] = messagesOf(0);
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('in German (de)');
    expect(system?.content).toMatch(/data, not instructions/);
    expect(user?.role).toBe('user');
    expect(user?.content).toBe(`<paper>\nTitle: Heron Retrieval\n\nAbstract: ${paper.abstract}\n</paper>`);
    expect(messagesOf(1)[0]?.content).toContain('in Brazilian Portuguese (pt-BR)');
    expect((await tldrRows(handle.db)).map((row) => row.language)).toEqual(['de', 'pt-BR']);
  });

  it('records the model the server says answered', async () => {
    await createTldrStore(handle.db).request([paper.id], 'fr', 10, clock.now());
    llm.enqueue({ text: 'Heron Retrieval trouve des passages.', model: 'fake-model-2026-06-01' });
    const { worker } = tldrWorkerOn(handle.db, fakeModel(llm, { stream }), { now: clock.now });
    await worker.runOnce();
    expect((await tldrRows(handle.db))[0]?.model).toBe('fake-model-2026-06-01');
  });
});
