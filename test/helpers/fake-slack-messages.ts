import { slackBlockErrors } from './fake-slack-blocks.js';

/** A message in the fake Slack: posted through `chat.postMessage`, or seeded by a test (someone else's). */
export interface FakeMessage {
  channel: string;
  ts: string;
  /** Who posted it: the bot user for `chat.postMessage`. */
  user: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
  /** How many times `chat.update` changed it. */
  updates: number;
}

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

const error = (code: string, extra: Answer = {}): Answer => ({ ok: false, error: code, ...extra });

/**
 * The messages of the fake Slack and the Web API methods on them, with Slack's rules: a message needs `text` or
 * `blocks`, the blocks must be valid (`invalid_blocks`), and `chat.update` only changes a message that exists in
 * that channel (`message_not_found`) and that the bot posted (`cant_update_message`). `chat.getPermalink` links to
 * a message that exists (`https://<teamDomain>.slack.com/archives/<channel>/p<ts without the dot>`, with
 * `thread_ts` and `cid` for a thread reply), else `message_not_found` (`channel_not_found` without a channel).
 */
export function createFakeMessages(botUserId: string, teamDomain = 'test') {
  const messages = new Map<string, FakeMessage>();
  /** Messages only one person sees (`chat.postEphemeral`): Slack keeps no `ts` for them that others can read. */
  const ephemerals: (FakeMessage & { to: string })[] = [];
  let ts = 1_700_000_000_000_100;
  const key = (channel: string, at: string) => `${channel}\u0000${at}`;
  const nextTs = () => {
    ts += 100;
    const id = String(ts);
    return `${id.slice(0, 10)}.${id.slice(10)}`;
  };
  const invalid = (params: Params): Answer | undefined => {
    if (typeof params.channel !== 'string' || params.channel === '') return error('channel_not_found');
    if (!params.text && !params.blocks) return error('no_text');
    const problems = slackBlockErrors(params.blocks);
    return problems.length > 0
      ? error('invalid_blocks', { response_metadata: { messages: problems } })
      : undefined;
  };

  return {
    methods: {
      'chat.postMessage': (params: Params): Answer => {
        const refused = invalid(params);
        if (refused) return refused;
        const message: FakeMessage = {
          channel: String(params.channel),
          ts: nextTs(),
          user: botUserId,
          text: String(params.text ?? ''),
          blocks: (params.blocks as unknown[] | undefined) ?? [],
          ...(typeof params.thread_ts === 'string' ? { threadTs: params.thread_ts } : {}),
          updates: 0,
        };
        messages.set(key(message.channel, message.ts), message);
        return { ok: true, channel: message.channel, ts: message.ts };
      },
      'chat.postEphemeral': (params: Params): Answer => {
        const refused = invalid(params);
        if (refused) return refused;
        if (typeof params.user !== 'string' || params.user === '') return error('user_not_in_channel');
        const message = {
          channel: String(params.channel),
          ts: nextTs(),
          user: botUserId,
          to: params.user,
          text: String(params.text ?? ''),
          blocks: (params.blocks as unknown[] | undefined) ?? [],
          ...(typeof params.thread_ts === 'string' ? { threadTs: params.thread_ts } : {}),
          updates: 0,
        };
        ephemerals.push(message);
        return { ok: true, message_ts: message.ts };
      },
      'chat.update': (params: Params): Answer => {
        const refused = invalid(params);
        if (refused) return refused;
        const message = messages.get(key(String(params.channel), String(params.ts ?? '')));
        if (!message) return error('message_not_found');
        if (message.user !== botUserId) return error('cant_update_message');
        message.text = String(params.text ?? message.text);
        if (params.blocks !== undefined) message.blocks = params.blocks as unknown[];
        message.updates += 1;
        return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
      },
      'chat.getPermalink': (params: Params): Answer => {
        if (typeof params.channel !== 'string' || params.channel === '') return error('channel_not_found');
        const message = messages.get(key(params.channel, String(params.message_ts ?? '')));
        if (!message) return error('message_not_found');
        const base = `https://${teamDomain}.slack.com/archives/${message.channel}/p${message.ts.replace('.', '')}`;
        const thread = message.threadTs
          ? `?thread_ts=${message.threadTs}&cid=${encodeURIComponent(message.channel)}`
          : '';
        return { ok: true, channel: message.channel, permalink: `${base}${thread}` };
      },
    },
    /** The message at `ts` in `channel`, as it is now. */
    message: (channel: string, at: string): FakeMessage | undefined => messages.get(key(channel, at)),
    all: (): FakeMessage[] => [...messages.values()],
    /** What `chat.postEphemeral` showed, to whom (`to`), in order. */
    ephemerals: (): (FakeMessage & { to: string })[] => [...ephemerals],
    /** Puts a message someone else posted into a channel (a person's, or another app's). */
    seed(message: { channel: string; user: string; text?: string; threadTs?: string }): FakeMessage {
      const seeded: FakeMessage = {
        channel: message.channel,
        ts: nextTs(),
        user: message.user,
        text: message.text ?? 'hello',
        blocks: [],
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
        updates: 0,
      };
      messages.set(key(seeded.channel, seeded.ts), seeded);
      return seeded;
    },
    clear: () => {
      messages.clear();
      ephemerals.length = 0;
    },
  };
}
