import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../../src/adapters/chat-adapter.js';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-adapter.js';
import type { BotDependencies } from '../../../src/core/bot/bot-dependencies.js';
import type { ChannelRef } from '../../../src/core/channel.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { FeedbackStore } from '../../../src/core/ports.js';
import { sharedPapers } from '../../../src/db/schema.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { createPaperLookups } from '../../../src/ingest/paper-lookups.js';
import { createArxivSource } from '../../../src/sources/arxiv.js';
import { createHttpClient } from '../../../src/sources/http-client.js';
import { createPaperStore } from '../../../src/store/paper-store.js';
import { createSharedPaperStore } from '../../../src/store/shared-paper-store.js';
import { createStoreBotDependencies } from '../../../src/store/store-bot-dependencies.js';
import { arxivIdLookup } from '../../helpers/fake-arxiv-ids.js';
import {
  linkSharedEvent,
  postEvent,
  sendEventOverSocket,
  unfurlFeedbackChoice,
} from '../../helpers/fake-slack-events.js';
import { postSigned } from '../../helpers/fake-slack-receivers.js';
import { startFakeSocketMode } from '../../helpers/fake-slack-socket.js';
import type { FakeUnfurl } from '../../helpers/fake-slack-unfurls.js';
import { type FakeUpstream, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { asPayloadForm } from '../../helpers/recorded-slack-payloads.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import { blockKitViolations, controlSequences, mrkdwnTexts } from './block-limits.js';
import { ARXIV_ONLY, idsAsked, LINK_FORMS, STORED, timed } from './link-papers.js';
import { NOW, SIGNING_SECRET, slackConfig, startSlackOverHttp } from './slack-harness.js';

type Harness = Awaited<ReturnType<typeof startSlackOverHttp>>;
interface LooseBlock {
  type: string;
  text?: { text: string };
  elements?: { text: string }[];
  accessory?: { type: string; action_id: string; options: { value: string }[] };
}

const slackRef = (channelId: string): ChannelRef => ({ platform: 'slack', workspaceId: 'T1', channelId });
/** An id arXiv does not know, and one whose look-up fails (the fake arXiv answers 500). */
const UNKNOWN_ID = '2612.00999';
const FAILING_ID = '2612.00998';

describeEachDatabase('paper links shared in Slack', (driver) => {
  let handle: TestDatabase;
  let bot: BotDependencies;
  let upstream: FakeUpstream;
  let slack: Harness;
  const log = capturingLogger();
  const arxivRequests = timed(arxivIdLookup(ARXIV_ONLY));
  let events = 0;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    const papers = createPaperStore(handle.db);
    await papers.upsertPapers(STORED, NOW);
    upstream = await startFakeUpstream();
    upstream.route('/api/query', (request) =>
      idsAsked(request).includes(FAILING_ID) ? { status: 500, body: 'down' } : arxivRequests.handler(request),
    );
    const arxiv = createArxivSource({
      apiUrl: `${upstream.url}/api`,
      rssUrl: `${upstream.url}/rss`,
      http: createHttpClient({ userAgent: 'paperboy-test', timeoutMs: 5000, maxRetries: 0 }),
      // arXiv's 3 s spacing is tested with a burst of links (link-burst.test.ts); here it would only wait.
      minIntervalMs: 20,
    });
    const lookups = createPaperLookups({ arxiv, papers, logger: log.logger });
    bot = {
      ...createStoreBotDependencies(handle.db, log.logger),
      lookupPapers: lookups.lookup,
      shares: createSharedPaperStore(handle.db),
    };
    slack = await startSlackOverHttp({ bot, handle, logger: log.logger });
  }, 60_000);
  afterAll(async () => {
    await slack?.close();
    await upstream?.close();
    await handle?.close();
  });
  beforeEach(() => {
    slack.fake.grantScopes('xoxb-test-token', ['commands', 'chat:write', 'links:read', 'links:write']);
  });

  /** Whether the listener is done with the event (its last log line). */
  const answered = (eventId: string) =>
    log.lines.some((line) => line.message === 'shared links answered' && line.fields.eventId === eventId);

  /** Sends the event signed over HTTP and resolves, once the listener is done, with the unfurls Slack took for it. */
  async function share(event: ReturnType<typeof linkSharedEvent>): Promise<FakeUnfurl[]> {
    events += 1;
    const eventId = `EvLINK${driver}${events}`;
    const sent = await postEvent(slack.eventsUrl, event, { secret: SIGNING_SECRET, eventId });
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(3000);
    await expect.poll(() => answered(eventId), { timeout: 10_000 }).toBe(true);
    return slack.fake.unfurls.filter((unfurl) =>
      'unfurlId' in unfurl.target
        ? unfurl.target.unfurlId === event.unfurl_id
        : unfurl.target.channel === event.channel && unfurl.target.ts === event.message_ts,
    );
  }

  const sharesIn = (channelId: string, ids: string[]) =>
    createSharedPaperStore(handle.db).find(slackRef(channelId), ids);
  const allShares = () => handle.db.select().from(sharedPapers);
  const blocksOf = (unfurl: FakeUnfurl | undefined, url: string) =>
    (unfurl?.unfurls[url]?.blocks ?? []) as LooseBlock[];

  describe('one link of each form', () => {
    it.each(LINK_FORMS)(
      '$form gets its paper card, keyed by unfurl_id, under the URL as sent',
      async ({ url, id }) => {
        const event = linkSharedEvent({ user: 'U1', channel: 'C1', links: [url] });
        const unfurls = await share(event);
        expect(unfurls).toHaveLength(1);
        const [unfurl] = unfurls;
        expect(unfurl?.target).toEqual({ unfurlId: event.unfurl_id, source: 'conversations_history' });
        expect(Object.keys(unfurl?.unfurls ?? {})).toEqual([url]);
        const blocks = blocksOf(unfurl, url);
        expect(blockKitViolations({ text: 'card', blocks: blocks as never })).toEqual([]);
        const title = STORED.find((paper) => paper.id === id)?.title ?? '';
        const [head] = blocks;
        expect(head?.text?.text).toContain(title);
        expect(head?.accessory).toMatchObject({ type: 'overflow', action_id: 'paper_feedback' });
        expect(head?.accessory?.options.map((option) => option.value)).toEqual([
          `fb1:r:${id}`,
          `fb1:n:${id}`,
          `fb1:s:${id}`,
        ]);
      },
    );

    it('shows the title linked, upvotes, date, code and stars, the summary and the authors, compactly', async () => {
      const url = 'https://huggingface.co/papers/2612.00101';
      const [unfurl] = await share(linkSharedEvent({ user: 'U1', channel: 'C1', links: [url] }));
      const blocks = blocksOf(unfurl, url);
      expect(blocks.map((block) => block.type)).toEqual(['section', 'context']);
      const text = blocks[0]?.text?.text ?? '';
      expect(text).toContain(
        '*<https://huggingface.co/papers/2612.00101|Quillwork: Sparse Adapters for Tiny Language Models>*',
      );
      expect(text).toContain('▲ 42');
      expect(text).toContain('2026-12-01');
      expect(text).toContain('<https://github.com/quill/quillwork|Code> ★ 321');
      expect(text).toContain('Sparse adapters make tiny models better at almost no cost.');
      expect(blocks[1]?.elements?.[0]?.text).toContain('Ada Quill, Brin Okafor, Chen Liu et al.');
    });

    it('answers an event without unfurl_id by channel and message ts', async () => {
      const event = linkSharedEvent({
        user: 'U1',
        channel: 'C1',
        messageTs: '1700000000.000555',
        links: ['https://arxiv.org/abs/2612.00110'],
        unfurlId: null,
      });
      const [unfurl] = await share(event);
      expect(unfurl?.target).toEqual({ channel: 'C1', ts: '1700000000.000555' });
    });

    it('unfurls every paper link of a message at once, a paper under each of its URLs', async () => {
      const links = [
        'https://arxiv.org/abs/2612.00102',
        'https://huggingface.co/papers/2612.00102',
        'https://arxiv.org/pdf/2612.00103v3',
      ];
      const unfurls = await share(linkSharedEvent({ user: 'U1', channel: 'C1', links }));
      expect(unfurls).toHaveLength(1);
      expect(Object.keys(unfurls[0]?.unfurls ?? {}).sort()).toEqual([...links].sort());
    });
  });

  describe('shares', () => {
    it('a link still in the composer is unfurled, and nothing is recorded as shared', async () => {
      const before = (await allShares()).length;
      const permalinks = slack.fake.callsTo('chat.getPermalink').length;
      const event = linkSharedEvent({
        user: 'U7',
        composer: true,
        links: ['https://arxiv.org/abs/2612.00111'],
      });
      const [unfurl] = await share(event);
      expect(unfurl?.target).toEqual({ unfurlId: event.unfurl_id, source: 'composer' });
      expect(Object.keys(unfurl?.unfurls ?? {})).toEqual(['https://arxiv.org/abs/2612.00111']);
      expect((await allShares()).length).toBe(before);
      expect(await sharesIn('COMPOSER', ['2612.00111'])).toEqual(new Map());
      expect(slack.fake.callsTo('chat.getPermalink')).toHaveLength(permalinks);
    });

    it('a posted link is recorded as shared: by whom, in which message, with its permalink', async () => {
      const message = slack.fake.messages.seed({
        channel: 'C2',
        user: 'U7',
        text: 'worth a read <https://arxiv.org/abs/2612.00111>',
      });
      const event = linkSharedEvent({
        user: 'U7',
        channel: 'C2',
        messageTs: message.ts,
        links: ['https://arxiv.org/abs/2612.00111'],
      });
      expect(await share(event)).toHaveLength(1);
      const share0 = (await sharesIn('C2', ['2612.00111'])).get('2612.00111');
      expect(share0).toMatchObject({
        paperId: '2612.00111',
        userId: 'U7',
        messageId: message.ts,
        link: `https://test.slack.com/archives/C2/p${message.ts.replace('.', '')}`,
      });
      expect(share0?.sharedAt).toEqual(NOW);
    });

    it('a share whose permalink Slack will not give is recorded without a link', async () => {
      const event = linkSharedEvent({
        user: 'U8',
        channel: 'C3',
        messageTs: '1700000000.999900',
        links: ['https://arxiv.org/abs/2612.00112'],
      });
      expect(await share(event)).toHaveLength(1);
      expect((await sharesIn('C3', ['2612.00112'])).get('2612.00112')).toMatchObject({
        userId: 'U8',
        messageId: '1700000000.999900',
        link: null,
      });
    });
  });

  describe('links that get no card', () => {
    const quiet = async (links: string[]) => {
      const before = {
        unfurls: slack.fake.callsTo('chat.unfurl').length,
        posts:
          slack.fake.callsTo('chat.postMessage').length + slack.fake.callsTo('chat.postEphemeral').length,
        shares: (await allShares()).length,
        answers: slack.responses.posts.length,
      };
      const event = linkSharedEvent({ user: 'U1', channel: 'C4', links });
      expect(await share(event)).toEqual([]);
      expect(slack.fake.callsTo('chat.unfurl')).toHaveLength(before.unfurls);
      expect(
        slack.fake.callsTo('chat.postMessage').length + slack.fake.callsTo('chat.postEphemeral').length,
      ).toBe(before.posts);
      expect((await allShares()).length).toBe(before.shares);
      expect(slack.responses.posts).toHaveLength(before.answers);
    };

    it('a link that is not to one paper', async () => {
      await quiet(['https://arxiv.org/list/cs.LG/recent', 'https://huggingface.co/models/quill/tiny']);
    });

    it('an id arXiv does not know: asked for once, not stored', async () => {
      const asked = arxivRequests.requests.length;
      await quiet([`https://arxiv.org/abs/${UNKNOWN_ID}`]);
      expect(arxivRequests.requests.slice(asked).flatMap(idsAsked)).toEqual([UNKNOWN_ID]);
      expect(await bot.catalog.getPaper(UNKNOWN_ID)).toBeNull();
    });

    it('a look-up that fails (arXiv answers 500): logged, not stored', async () => {
      await quiet([`https://arxiv.org/abs/${FAILING_ID}`]);
      expect(log.lines.some((line) => line.level === 'warn' && /could not look/.test(line.message))).toBe(
        true,
      );
      expect(await bot.catalog.getPaper(FAILING_ID)).toBeNull();
    });

    it('a chat.unfurl Slack refuses (no links:write) is logged with the fix, not shown in the channel', async () => {
      slack.fake.grantScopes('xoxb-test-token', ['commands', 'chat:write']);
      const posts = slack.fake.callsTo('chat.postMessage').length;
      const event = linkSharedEvent({
        user: 'U1',
        channel: 'C1',
        links: ['https://arxiv.org/abs/2612.00110'],
      });
      expect(await share(event)).toEqual([]);
      const warning = log.lines.find(
        (line) => line.message === 'Slack did not take the paper cards of shared links',
      );
      expect(warning?.fields).toMatchObject({ error: 'missing_scope', links: 1 });
      expect(String(warning?.fields.hint)).toContain('links:write');
      expect(JSON.stringify(warning?.fields)).not.toContain('xoxb-');
      expect(slack.fake.callsTo('chat.postMessage')).toHaveLength(posts);
    });

    it('an event that does not validate is logged and dropped', async () => {
      events += 1;
      const eventId = `EvBAD${driver}${events}`;
      const { links: _links, ...noLinks } = linkSharedEvent({ user: 'U1', links: [] });
      const sent = await postEvent(slack.eventsUrl, noLinks, { secret: SIGNING_SECRET, eventId });
      expect(sent.status).toBe(200);
      await expect
        .poll(() =>
          log.lines.some(
            (line) =>
              line.message === 'a link_shared event paperboy cannot read; dropped' &&
              line.fields.eventId === eventId,
          ),
        )
        .toBe(true);
    });
  });

  describe('papers paperboy does not store yet', () => {
    it('are looked up on arXiv and unfurled in a second call that holds every card', async () => {
      const links = ['https://arxiv.org/abs/2612.00104', 'https://alphaxiv.org/abs/2612.00201v2'];
      const message = slack.fake.messages.seed({ channel: 'C5', user: 'U3', text: links.join(' ') });
      const unfurls = await share(
        linkSharedEvent({ user: 'U3', channel: 'C5', messageTs: message.ts, links }),
      );
      // Slack modifies a message's unfurls on a second call: it carries the stored card again.
      expect(unfurls.map((unfurl) => Object.keys(unfurl.unfurls))).toEqual([
        [links[0]],
        [links[0], links[1]],
      ]);
      expect(JSON.stringify(unfurls[1]?.unfurls)).toContain('Meadow: Learning from Shared Links');
      expect((await bot.catalog.getPaper('2612.00201'))?.title).toBe('Meadow: Learning from Shared Links');
      const shares = await sharesIn('C5', ['2612.00104', '2612.00201']);
      expect([...shares.keys()].sort()).toEqual(['2612.00104', '2612.00201']);
    });
  });

  describe('the feedback menu on a link card', () => {
    it('writes the vote for the channel the card is in', async () => {
      const url = 'https://arxiv.org/abs/2612.00105';
      const message = slack.fake.messages.seed({ channel: 'C6', user: 'U4', text: url });
      const [unfurl] = await share(
        linkSharedEvent({ user: 'U4', channel: 'C6', messageTs: message.ts, links: [url] }),
      );
      const value = blocksOf(unfurl, url)[0]?.accessory?.options[0]?.value ?? '';
      expect(value).toBe('fb1:r:2612.00105');
      const id = `unfurl-click-${driver}`;
      const click = unfurlFeedbackChoice({
        value,
        user: 'U5',
        channel: 'C6',
        messageTs: message.ts,
        url,
        responseUrl: slack.responses.url(id),
      });
      const sent = await postSigned(slack.eventsUrl, asPayloadForm(click), { secret: SIGNING_SECRET });
      expect(sent.status).toBe(200);
      const [answer] = await slack.responses.waitFor(id);
      expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      const counts = await (bot.feedback as FeedbackStore).counts(slackRef('C6'), ['2612.00105']);
      expect(counts.get('2612.00105')).toEqual({ relevant: 1, saved: 0 });
    });

    it('is ignored in a preview still in the composer', async () => {
      const click = unfurlFeedbackChoice({
        value: 'fb1:s:2612.00106',
        user: 'U5',
        channel: 'COMPOSER',
        messageTs: 'U5-0b9d',
        url: 'https://arxiv.org/abs/2612.00106',
        responseUrl: slack.responses.url(`composer-click-${driver}`),
      });
      const sent = await postSigned(slack.eventsUrl, asPayloadForm(click), { secret: SIGNING_SECRET });
      expect(sent.status).toBe(200);
      await expect
        .poll(() =>
          log.lines.some(
            (line) => line.message === 'a feedback click without a workspace or channel; ignored',
          ),
        )
        .toBe(true);
      const counts = await (bot.feedback as FeedbackStore).counts(slackRef('COMPOSER'), ['2612.00106']);
      expect(counts.get('2612.00106') ?? { relevant: 0, saved: 0 }).toEqual({ relevant: 0, saved: 0 });
    });
  });

  describe('over Socket Mode', () => {
    it('answers a link_shared events_api envelope the same way', async () => {
      const socket = await startFakeSocketMode();
      slack.fake.setSocketUrl(socket.url);
      const adapter: ChatAdapter = createSlackAdapter({
        config: slackConfig(slack.fake, { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' }),
        bot,
        http: createHttpServer(silentLogger),
        db: handle.db,
        logger: log.logger,
        now: () => NOW,
      });
      try {
        await adapter.start();
        await socket.connected();
        const event = linkSharedEvent({
          user: 'U1',
          channel: 'C1',
          links: ['https://hf.co/papers/2612.00107'],
        });
        const ack = (await sendEventOverSocket(socket, event, { eventId: `EvSOCK${driver}` })) as {
          ms: number;
        };
        expect(ack.ms).toBeLessThan(3000);
        await expect
          .poll(() =>
            slack.fake.unfurls.find(
              (unfurl) => 'unfurlId' in unfurl.target && unfurl.target.unfurlId === event.unfurl_id,
            ),
          )
          .toBeDefined();
        expect(socket.strayAcks).toEqual([]);
      } finally {
        await adapter.stop();
        await socket.close();
      }
    });
  });

  describe('untrusted titles', () => {
    it('stay text in the card: no mention, no injected link', async () => {
      const papers = createPaperStore(handle.db);
      await papers.upsertPapers(
        [{ id: '2612.00301', title: '<!channel> <https://evil.example|click> & win', source: 'arxiv' }],
        NOW,
      );
      const url = 'https://arxiv.org/abs/2612.00301';
      const [unfurl] = await share(linkSharedEvent({ user: 'U1', channel: 'C1', links: [url] }));
      const message = { text: 'card', blocks: blocksOf(unfurl, url) as never };
      expect(blockKitViolations(message)).toEqual([]);
      const allowed = (link: string) => link === 'https://arxiv.org/abs/2612.00301';
      expect(mrkdwnTexts(message).flatMap((text) => controlSequences(text, allowed))).toEqual([]);
      expect(JSON.stringify(message.blocks)).toContain('&lt;!channel&gt;');
    });
  });
});
