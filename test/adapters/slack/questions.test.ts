import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import { paperLinkCard, paperListCard } from '../../../src/core/cards/build-cards.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import type { Paper } from '../../../src/core/paper.js';
import type { PostedMessages } from '../../../src/core/ports.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { eventCallback } from '../../helpers/fake-slack-events.js';
import { createSlackUser } from '../../helpers/fake-slack-interactions.js';
import { postSigned } from '../../helpers/fake-slack-receivers.js';
import { INVENTED_QUOTE, startQuestionHarness } from '../../helpers/question-harness.js';
import { NOW, openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

const ref: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
let handle: DatabaseHandle;
let bot: BotDependencies;
let slack: Awaited<ReturnType<typeof startSlackOverHttp>>;
let harness: Awaited<ReturnType<typeof startQuestionHarness>>;
let papers: Paper[];
let clock = NOW;

beforeAll(async () => {
  ({ handle, bot } = await openBotDatabase());
  harness = await startQuestionHarness(handle.db, { limits: { perUserHour: 3, perWorkspaceDay: 100 } });
  bot = { ...bot, questions: harness.questions };
  slack = await startSlackOverHttp({ bot, handle, now: () => clock });
  papers = await bot.catalog.topOfDays('2026-06-12', '2026-06-12', 3);
});
afterAll(async () => {
  await slack?.close();
  await harness?.close();
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.execute('truncate paper_questions, paper_texts');
  clock = new Date(clock.getTime() + 2 * 3_600_000);
});

/** A message paperboy posted in C1 showing `card`, as the delivery worker records it. */
async function postedCard(card: Parameters<PostedMessages['record']>[0]['card']) {
  await bot.channels.ensure(ref);
  const message = slack.fake.messages.seed({ channel: 'C1', user: 'UBOT', text: card.fallback });
  await (bot.postedMessages as PostedMessages).record(
    { channel: ref, messageId: message.ts, card, perPaper: card.items.length === 1 },
    clock,
  );
  return message.ts;
}

let mentions = 0;
/** `@paperboy <text>` by U1, in the thread of `threadTs`; resolves with the event id. */
async function mention(
  text: string,
  threadTs: string | undefined,
  eventId = `EvASK${++mentions}`,
  retry?: number,
) {
  const event = {
    type: 'app_mention',
    user: 'U1',
    text: `<@UBOT> ${text}`,
    ts: `1700000500.00${mentions}00`,
    channel: 'C1',
    ...(threadTs ? { thread_ts: threadTs } : {}),
    event_ts: `1700000500.00${mentions}00`,
  };
  const sent = await postSigned(
    slack.eventsUrl,
    JSON.stringify({ ...eventCallback(event), event_id: eventId }),
    {
      secret: SIGNING_SECRET,
      contentType: 'application/json',
      ...(retry
        ? { headers: { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } }
        : {}),
    },
  );
  expect(sent.status).toBe(200);
  return eventId;
}

/** The messages of the last request the model got, as one string. */
const lastPrompt = () =>
  JSON.stringify((harness.llm.requests.at(-1)?.body as { messages?: unknown })?.messages);

const repliesIn = (threadTs: string) =>
  slack.fake.messages.all().filter((message) => message.threadTs === threadTs && message.user === 'UBOT');
const ephemeralsIn = (threadTs: string) =>
  slack.fake.messages.ephemerals().filter((message) => message.threadTs === threadTs);

describe('questions in a paper thread on Slack (app_mention)', () => {
  it('answers in the thread from the full text, quoting it, with links and mentions defused', async () => {
    const paper = papers[0] as Paper;
    const threadTs = await postedCard(paperLinkCard(paper));
    harness.llm.enqueue({
      text: `ANSWER: They share one basis across adapters. Tell @everyone <!channel> at https://evil.example/x\nQUOTE: "${INVENTED_QUOTE}"`,
    });
    await mention('which basis do they share?', threadTs);
    await expect.poll(() => repliesIn(threadTs).length).toBe(1);
    const [answer] = repliesIn(threadTs);
    expect(answer?.text).toContain('They share one basis across adapters.');
    expect(answer?.text).toContain(`From the paper: “${INVENTED_QUOTE}”`);
    expect(answer?.text).not.toContain('https://evil.example');
    expect(answer?.text).not.toMatch(/<!channel>|(?<!\u200b)@everyone/);
    expect(JSON.stringify(answer?.blocks)).not.toContain('<!channel>');
    const prompt = lastPrompt();
    expect(prompt).toContain('which basis do they share?');
    expect(prompt).toContain('Full text:');
    expect(prompt).not.toContain('<@UBOT>');
    expect(harness.arxiv.asked).toContain(paper.id);
  });

  it("answers a retried event once (Slack's retry carries the same event id)", async () => {
    const threadTs = await postedCard(paperLinkCard(papers[1] as Paper));
    harness.llm.enqueue({ text: `ANSWER: On eight GPUs.\nQUOTE: "${INVENTED_QUOTE}"` });
    const before = harness.llm.requestCount;
    const id = await mention('how many GPUs?', threadTs);
    await expect.poll(() => repliesIn(threadTs).length).toBe(1);
    await mention('how many GPUs?', threadTs, id, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(repliesIn(threadTs)).toHaveLength(1);
    expect(harness.llm.requestCount).toBe(before + 1);
  });

  it('asks which paper of a digest thread is meant, and answers the one its number names', async () => {
    const threadTs = await postedCard(paperListCard('Your paper digest', undefined, papers));
    const before = harness.llm.requestCount;
    await mention('what dataset?', threadTs);
    await expect.poll(() => ephemeralsIn(threadTs).length).toBe(1);
    expect(ephemeralsIn(threadTs)[0]?.text).toContain(`This thread has ${papers.length} papers`);
    expect(ephemeralsIn(threadTs)[0]?.to).toBe('U1');
    expect(harness.llm.requestCount).toBe(before);
    harness.llm.enqueue({ text: 'NOT_IN_PAPER' });
    await mention('2 what dataset?', threadTs);
    await expect.poll(() => repliesIn(threadTs).length).toBe(1);
    expect(repliesIn(threadTs)[0]?.text).toContain('The paper does not say.');
    expect(lastPrompt()).toContain(papers[1]?.title);
  });

  it('tells a person who reached the hourly limit when to ask again, without asking the model', async () => {
    const threadTs = await postedCard(paperLinkCard(papers[2] as Paper));
    for (let asked = 0; asked < 3; asked += 1) {
      harness.llm.enqueue({ text: 'ANSWER: Yes.' });
      await mention(`question ${asked}?`, threadTs);
      await expect.poll(() => repliesIn(threadTs).length).toBe(asked + 1);
    }
    const before = harness.llm.requestCount;
    await mention('one more?', threadTs);
    await expect.poll(() => ephemeralsIn(threadTs).length).toBe(1);
    expect(ephemeralsIn(threadTs)[0]?.text).toMatch(
      /You have asked 3 questions in the last hour.*Ask again after \d\d:\d\d UTC/,
    );
    expect(harness.llm.requestCount).toBe(before);
  });

  it('does not count a question the model failed to answer against the hourly limit', async () => {
    const threadTs = await postedCard(paperLinkCard(papers[1] as Paper));
    harness.llm.enqueue({ status: 500 });
    await mention('question that fails?', threadTs);
    await expect.poll(() => ephemeralsIn(threadTs).length).toBe(1);
    expect(ephemeralsIn(threadTs)[0]?.text).toContain('did not answer just now');
    for (let asked = 0; asked < 3; asked += 1) {
      harness.llm.enqueue({ text: 'ANSWER: Yes.' });
      await mention(`question ${asked}?`, threadTs);
      await expect.poll(() => repliesIn(threadTs).length).toBe(asked + 1);
    }
    await mention('and one past the limit?', threadTs);
    await expect.poll(() => ephemeralsIn(threadTs).length).toBe(2);
    expect(ephemeralsIn(threadTs)[1]?.text).toContain('You have asked 3 questions in the last hour');
  });

  it('says so, only to the asker, when the model is down, and answers from the abstract without full text', async () => {
    const paper = papers[0] as Paper;
    const threadTs = await postedCard(paperLinkCard(paper));
    harness.llm.enqueue({ status: 500 });
    await mention('does it work?', threadTs);
    await expect.poll(() => ephemeralsIn(threadTs).length).toBe(1);
    expect(ephemeralsIn(threadTs)[0]?.text).toContain('did not answer just now');
    harness.arxiv.missing.add(paper.id);
    await handle.db.execute('truncate paper_texts');
    harness.llm.enqueue({ text: 'ANSWER: It does.' });
    await mention('does it work now?', threadTs);
    await expect.poll(() => repliesIn(threadTs).length).toBe(1);
    expect(repliesIn(threadTs)[0]?.text).toContain("AI answer from the paper's abstract");
    expect(lastPrompt()).toContain('Only the abstract is available');
    harness.arxiv.missing.delete(paper.id);
  });

  it('explains how to ask outside a thread of a paper', async () => {
    await mention('what is new?', undefined, 'EvOUTSIDE');
    await expect
      .poll(() => slack.fake.messages.ephemerals().some((m) => m.text.includes('name the paper')))
      .toBe(true);
  });
});

describe('questions from the "Ask paperboy" message shortcut (no slash command runs in a thread)', () => {
  const asker = () =>
    createSlackUser({ fake: slack.fake, eventsUrl: slack.eventsUrl, secret: SIGNING_SECRET, userId: 'U1' });

  /** Runs the shortcut on `message` and returns the person and the question modal it opened. */
  async function openAsk(message: { ts: string; threadTs?: string }) {
    const person = asker();
    const { call } = await person.messageShortcut(
      'paperboy_ask',
      { channelId: 'C1', ...message },
      { waitFor: 'views.open' },
    );
    expect(call?.answer.ok, JSON.stringify(call?.answer)).toBe(true);
    const modal = slack.fake.views.modalOf('U1');
    if (!modal) throw new Error('no modal open');
    return { person, modal };
  }

  beforeEach(() => slack.fake.conversations.join('U1', ['C1']));

  it('opens on a reply in a paper’s thread and answers in that thread', async () => {
    const threadTs = await postedCard(paperLinkCard(papers[0] as Paper));
    const { person, modal } = await openAsk({ ts: '1700000600.000100', threadTs });
    expect(modal.view.callback_id).toBe('paperboy_ask_form');
    harness.llm.enqueue({ text: `ANSWER: They train on invented data.\nQUOTE: ${INVENTED_QUOTE}` });
    const { outcome } = await person.submit(modal, { question: 'What data do they train on?' });
    expect(outcome.action).toBe('closed');
    await expect.poll(() => repliesIn(threadTs).length).toBe(1);
    expect(repliesIn(threadTs)[0]?.text).toContain('They train on invented data.');
    expect(lastPrompt()).toContain('What data do they train on?');
  });

  it('refuses an empty question inline and asks the model nothing', async () => {
    const threadTs = await postedCard(paperLinkCard(papers[1] as Paper));
    const { person, modal } = await openAsk({ ts: threadTs });
    const before = harness.llm.requestCount;
    const { outcome } = await person.submit(modal, { question: '   ' });
    expect(outcome).toMatchObject({ action: 'errors', errors: { question: 'Type your question first.' } });
    expect(harness.llm.requestCount).toBe(before);
  });

  it('posts nothing when the modal was forged to name a channel its asker is not in', async () => {
    const threadTs = await postedCard(paperLinkCard(papers[2] as Paper));
    const { person, modal } = await openAsk({ ts: threadTs });
    const before = harness.llm.requestCount;
    const posted = slack.fake.messages.all().length;
    const notes = slack.fake.messages.ephemerals().length;
    harness.llm.enqueue({ text: 'ANSWER: Leaked.' });
    await person.submit(
      modal,
      // Names its paper, so it would be answered anywhere the asker may post.
      { question: `${(papers[2] as Paper).id} Leak it?` },
      { privateMetadata: JSON.stringify({ channel: 'C0SECRET', thread: threadTs }) },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.llm.requestCount).toBe(before);
    expect(slack.fake.messages.all()).toHaveLength(posted);
    expect(slack.fake.messages.ephemerals()).toHaveLength(notes);
  });
});
