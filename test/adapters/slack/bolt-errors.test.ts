import { App, HTTPReceiver, webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoltErrorHandling } from '../../../src/adapters/slack/bolt-errors.js';
import { toBoltLogger } from '../../../src/adapters/slack/bolt-logger.js';
import { createBoltRoute, SLACK_MAX_BODY_BYTES } from '../../../src/adapters/slack/bolt-route.js';
import { classifySlackError, slackErrorCode } from '../../../src/adapters/slack/slack-errors.js';
import { PermanentDeliveryError, RateLimitedError } from '../../../src/core/delivery/poster.js';
import type { DatabaseHandle } from '../../../src/db/database.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { postSigned, slackSignature, slashCommandBody } from '../../helpers/fake-slack-receivers.js';
import { chunkedBody, exchange, rawRequest } from '../../http/raw-http.js';
import { capturingLogger } from '../../scheduler/scheduler-fixtures.js';
import { openBotDatabase, SIGNING_SECRET, startSlackOverHttp } from './slack-harness.js';

const signedHeaders = (body: string | Buffer) => {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body.toString()),
  };
};

describe('the Slack routes of the real adapter', () => {
  let handle: DatabaseHandle;
  let slack: Awaited<ReturnType<typeof startSlackOverHttp>>;
  let port: number;
  beforeAll(async () => {
    const opened = await openBotDatabase();
    handle = opened.handle;
    slack = await startSlackOverHttp({ bot: opened.bot, handle });
    port = Number(new URL(slack.baseUrl).port);
  });
  afterAll(async () => {
    await slack?.close();
    await handle?.close();
  });

  const help = () => {
    const body = slashCommandBody({ text: 'help', responseUrl: slack.responses.url('help') });
    return rawRequest(
      'POST',
      '/slack/events',
      { ...signedHeaders(body), 'content-length': body.length },
      body,
    );
  };

  it('answers 404 to what Bolt does not route (an unknown path, GET on the events URL, OAuth paths without OAuth)', async () => {
    const { responses } = await exchange(port, [
      rawRequest('GET', '/slack/nothing'),
      rawRequest('GET', '/slack/events'),
      rawRequest('GET', '/slack/install'),
      help(),
    ]);
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 200]);
  });

  it('answers 413 to a declared body over the limit, then the next request on the connection at once', async () => {
    const huge = Buffer.alloc(SLACK_MAX_BODY_BYTES + 1, 97);
    const { responses, closedByServer } = await exchange(port, [
      rawRequest('POST', '/slack/events', { ...signedHeaders(huge), 'content-length': huge.length }, huge),
      help(),
    ]);
    expect(responses.map((response) => response.status)).toEqual([413, 200]);
    expect(closedByServer).toBe(false);
  });

  it("answers 413 to a chunked body over the limit (Bolt's own limit), then the next request at once", async () => {
    const body = chunkedBody(SLACK_MAX_BODY_BYTES + 200_000);
    const { responses, closedByServer } = await exchange(port, [
      rawRequest('POST', '/slack/events', { ...signedHeaders('x'), 'transfer-encoding': 'chunked' }, body),
      help(),
    ]);
    expect(responses.map((response) => response.status)).toEqual([413, 200]);
    expect(closedByServer).toBe(false);
  });
});

describe("Bolt's errors on the shared HTTP server", () => {
  const log = capturingLogger();
  let http: HttpServer;
  let url: string;
  let receiver: HTTPReceiver;

  beforeAll(async () => {
    const errors = createBoltErrorHandling(log.logger);
    const logger = toBoltLogger(log.logger);
    receiver = new HTTPReceiver({
      signingSecret: SIGNING_SECRET,
      logger,
      dispatchErrorHandler: errors.dispatchErrorHandler,
      processEventErrorHandler: errors.processEventErrorHandler,
    });
    const app = new App({
      receiver,
      logger,
      authorize: async ({ teamId }) => {
        if (teamId === 'TGONE') throw new Error('no installation');
        return { botToken: 'xoxb-test', botId: 'B1', botUserId: 'UBOT' };
      },
    });
    app.error(errors.appError);
    app.command('/papers', async ({ command, ack }) => {
      if (command.text === 'after-ack') {
        await ack();
        throw new Error('failed after the ack');
      }
      throw new Error('failed before the ack');
    });
    http = createHttpServer(log.logger);
    http.route('/slack/*', createBoltRoute({ receiver, errors, logger, isStopped: () => false }));
    const { port } = await http.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${port}/slack/events`;
  });
  afterAll(async () => http?.close());

  const send = (text: string, teamId = 'T1') =>
    postSigned(url, slashCommandBody({ text, responseUrl: 'http://127.0.0.1:9/unused', teamId }), {
      secret: SIGNING_SECRET,
    });

  it('answers 500 at once when a listener throws before its ack, and logs it once', async () => {
    const answer = await send('before-ack');
    expect(answer.status).toBe(500);
    expect(answer.ms).toBeLessThan(2500);
    const logged = log.lines.filter((line) => line.level === 'error');
    expect(logged.map((line) => line.message)).toEqual(['Slack listener failed']);
    expect(String(logged[0]?.fields.error)).toContain('failed before the ack');
  });

  it('keeps the ack of a listener that throws after it, and logs the failure', async () => {
    log.lines.length = 0;
    expect((await send('after-ack')).status).toBe(200);
    await expect.poll(() => log.lines.filter((line) => line.level === 'error').length).toBe(1);
    expect(String(log.lines.find((line) => line.level === 'error')?.fields.error)).toContain(
      'failed after the ack',
    );
  });

  it('answers 401 to a workspace without an installation, with a warning that says how to fix it', async () => {
    log.lines.length = 0;
    expect((await send('help', 'TGONE')).status).toBe(401);
    const warnings = log.lines.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings).toContainEqual(expect.stringContaining('install it at /slack/install'));
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('answers 500 and logs when Bolt throws anything but its deferred-request error', async () => {
    log.lines.length = 0;
    const listener = receiver.requestListener;
    receiver.requestListener = () => {
      throw new TypeError('Bolt could not start on this request');
    };
    try {
      const response = await fetch(url.replace('/events', '/anything'));
      expect(response.status).toBe(500);
    } finally {
      receiver.requestListener = listener;
    }
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'Bolt could not take a Slack request' }),
    );
    expect((await fetch(url.replace('/events', '/anything'))).status).toBe(404);
  });
});

describe('reading web-api errors by their ErrorCode', () => {
  it('reads the errors the Web API client really throws', () => {
    const archived = new webApi.WebAPIPlatformError({ ok: false, error: 'is_archived' });
    expect(slackErrorCode(archived)).toBe('is_archived');
    expect(classifySlackError(archived)).toBeInstanceOf(PermanentDeliveryError);
    const limited = classifySlackError(new webApi.WebAPIRateLimitedError(30));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(30_000);
    const http = new webApi.WebAPIHTTPError(503, 'Service Unavailable', {});
    expect(slackErrorCode(http)).toBeNull();
    expect(classifySlackError(http)).toBe(http);
    for (const odd of [null, undefined, 'channel_not_found', { code: webApi.ErrorCode.PlatformError }]) {
      expect(slackErrorCode(odd)).toBeNull();
      expect(classifySlackError(odd)).toBe(odd);
    }
  });
});
