import { slackBlockErrors } from './fake-slack-blocks.js';

/** Where a `chat.unfurl` put its cards: an unfurl id and source, or a message by channel and `ts`. */
export type FakeUnfurlTarget =
  | { unfurlId: string; source: 'composer' | 'conversations_history' }
  | { channel: string; ts: string };

/** One `chat.unfurl` the fake took: where, and each URL's attachment (its `blocks`). */
export interface FakeUnfurl {
  target: FakeUnfurlTarget;
  unfurls: Record<string, { blocks: unknown[] }>;
  token: string | null;
  /** `Date.now()` when it arrived. */
  at: number;
}

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

const error = (code: string, extra: Answer = {}): Answer => ({ ok: false, error: code, ...extra });

/** The hosts `chat.unfurl` takes by default: the manifest's `unfurl_domains`. */
export const FAKE_UNFURL_DOMAINS = ['arxiv.org', 'huggingface.co', 'hf.co', 'alphaxiv.org', 'doi.org'];

/** True when `host` is `domain` or one of its subdomains. */
const onDomain = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`);

/**
 * Slack's `chat.unfurl`, with its rules: a token (`not_authed`) that has `links:write` when the fake knows the
 * token's scopes (`missing_scope`); either `unfurl_id` with a `source` of `composer` or `conversations_history`, or
 * `channel` with `ts` (`invalid_arguments`); `unfurls` a JSON object (`invalid_unfurls`) whose keys are http(s)
 * URLs (`invalid_unfurls`) on the app's unfurl domains (`cannot_unfurl_url`) and whose values carry Block Kit
 * `blocks` Slack would take (`invalid_unfurls`, with what is wrong in `response_metadata.messages`). Each call it
 * takes is recorded in `unfurls`.
 */
export function createFakeUnfurls(options: {
  domains?: readonly string[];
  /** The scopes of a token, or undefined when the fake does not know them (then every scope is granted). */
  scopesOf: (token: string) => readonly string[] | undefined;
}) {
  const domains = options.domains ?? FAKE_UNFURL_DOMAINS;
  const taken: FakeUnfurl[] = [];

  const targetOf = (params: Params): FakeUnfurlTarget | null => {
    const { unfurl_id: unfurlId, source, channel, ts } = params;
    if (typeof unfurlId === 'string' && unfurlId !== '') {
      return source === 'composer' || source === 'conversations_history' ? { unfurlId, source } : null;
    }
    return typeof channel === 'string' && channel !== '' && typeof ts === 'string' && ts !== ''
      ? { channel, ts }
      : null;
  };

  type Read = { ok: true; unfurls: FakeUnfurl['unfurls'] } | { ok: false; answer: Answer };
  const refuse = (code: string, messages?: string[]): Read => ({
    ok: false,
    answer: error(code, messages ? { response_metadata: { messages } } : {}),
  });

  const unfurlsOf = (raw: unknown): Read => {
    let value: unknown = raw;
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw);
      } catch {
        return refuse('invalid_unfurls', ['unfurls is not JSON']);
      }
    }
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      Object.keys(value).length === 0
    )
      return refuse('invalid_unfurls', ['unfurls must be a non-empty object']);
    const problems: string[] = [];
    const unfurls: FakeUnfurl['unfurls'] = {};
    for (const [url, attachment] of Object.entries(value)) {
      let host = '';
      try {
        const parsed = new URL(url);
        if (parsed.protocol === 'http:' || parsed.protocol === 'https:') host = parsed.hostname.toLowerCase();
      } catch {
        // not a URL: reported below
      }
      if (host === '') {
        problems.push(`${url}: not a URL`);
        continue;
      }
      if (!domains.some((domain) => onDomain(host, domain))) return refuse('cannot_unfurl_url');
      const blocks = (attachment as { blocks?: unknown } | null)?.blocks;
      if (!Array.isArray(blocks) || blocks.length === 0) {
        problems.push(`${url}: no blocks`);
        continue;
      }
      for (const problem of slackBlockErrors(blocks)) problems.push(`${url}: ${problem}`);
      unfurls[url] = { blocks };
    }
    return problems.length > 0 ? refuse('invalid_unfurls', problems) : { ok: true, unfurls };
  };

  return {
    methods: {
      'chat.unfurl': (params: Params, token: string | null): Answer => {
        if (!token) return error('not_authed');
        const scopes = options.scopesOf(token);
        if (scopes && !scopes.includes('links:write'))
          return error('missing_scope', { needed: 'links:write', provided: scopes.join(',') });
        const target = targetOf(params);
        if (!target) return error('invalid_arguments');
        const read = unfurlsOf(params.unfurls);
        if (!read.ok) return read.answer;
        taken.push({ target, unfurls: read.unfurls, token, at: Date.now() });
        return { ok: true };
      },
    },
    /** The `chat.unfurl` calls Slack took, in order. */
    taken,
    clear: () => {
      taken.length = 0;
    },
  };
}
