import { z } from 'zod';
import { parseCron } from './core/schedule/cron.js';
import { describeCronProblem } from './core/schedule/schedule-problems.js';

/**
 * Every environment variable paperboy reads, parsed once at start-up. Empty strings count as unset.
 * Each entry says what it is for, so errors can say how to fix a bad value.
 */
const optionalUrl = (name: string, example: string) =>
  z
    .string()
    .refine((value) => isHttpUrl(value), `${name} must be an http(s) URL, e.g. ${example}`)
    .transform((value) => value.replace(/\/+$/, ''));

const integer = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number between ${min} and ${max}` })
    .int(`${name} must be a whole number between ${min} and ${max}`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const booleanFlag = (name: string) =>
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => ['true', 'false', '1', '0', 'yes', 'no'].includes(value), {
      message: `${name} must be true or false`,
    })
    .transform((value) => ['true', '1', 'yes'].includes(value));

/** `90s`, `30m`, `6h`, `1d` or plain milliseconds, into milliseconds. */
const duration = (name: string, example: string, min: number, max: number) =>
  z.string().transform((value, ctx) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value.trim());
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match?.[2] ?? 'ms'] ?? 1;
    const ms = match ? Math.round(Number(match[1]) * unit) : Number.NaN;
    if (!(ms >= min && ms <= max)) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a duration such as ${example} (got "${value}")`,
      });
      return z.NEVER;
    }
    return ms;
  });

const prefixed = (name: string, prefix: string) =>
  z.string().refine((value) => value.startsWith(prefix), {
    message: `${name} must start with ${prefix} (copy it from your Slack app's settings)`,
  });

/**
 * A cron expression in the core's grammar, the one channel schedules use, rewritten for node-cron, which runs
 * it (see `forNodeCron`).
 */
const cronExpression = (name: string, example: string) =>
  z.string().transform((value, ctx) => {
    const checked = forNodeCron(value, name, example);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: 'custom', message: checked.error });
    return z.NEVER;
  });

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Checks an expression with the core's cron parser and writes it as lists of numbers (`0,30 * * * *`), which
 * node-cron reads as the core does; it reads neither a step such as `5/15` nor a tab between fields. Two
 * expressions are refused because node-cron would not run them as the core would: both day fields restricted
 * (node-cron runs on days matching both, cron on days matching either), and no day at all (`0 0 31 2 *`,
 * which node-cron refuses to start).
 */
function forNodeCron(
  value: string,
  name: string,
  example: string,
): { ok: true; value: string } | { ok: false; error: string } {
  const parsed = parseCron(value);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `${name} must be a cron expression such as "${example}": ${describeCronProblem(parsed.error)}`,
    };
  }
  const spec = parsed.value;
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) {
    const [minute, hour, dayOfMonth, month, dayOfWeek] = spec.expression.split(' ');
    return {
      ok: false,
      error:
        `${name} must not restrict both day-of-month and day-of-week (\`${spec.expression}\`): the ingest scheduler ` +
        `would run it only on days matching both, where cron runs it on days matching either. Put * in one of ` +
        `them, e.g. "${minute} ${hour} ${dayOfMonth} ${month} *" or "${minute} ${hour} * ${month} ${dayOfWeek}".`,
    };
  }
  if (!spec.months.some((month) => spec.daysOfMonth.some((day) => day <= (DAYS_IN_MONTH[month - 1] ?? 0)))) {
    return {
      ok: false,
      error: `${name} \`${spec.expression}\` never runs: none of its months has that day. Use an expression such as "${example}".`,
    };
  }
  const field = (values: readonly number[], size: number) =>
    values.length === size ? '*' : values.join(',');
  return {
    ok: true,
    value: [
      field(spec.minutes, 60),
      field(spec.hours, 24),
      field(spec.daysOfMonth, 31),
      field(spec.months, 12),
      field(spec.daysOfWeek, 7),
    ].join(' '),
  };
}

const ARXIV_CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
      message:
        'DATABASE_URL must be a postgres:// URL, e.g. postgres://user:password@localhost:5432/paperboy. Unset it to use the embedded database.',
    })
    .optional(),
  PAPERBOY_DATA_DIR: z.string().default('./.paperboy'),
  HF_API_URL: optionalUrl('HF_API_URL', 'https://huggingface.co').default('https://huggingface.co'),
  ARXIV_API_URL: optionalUrl('ARXIV_API_URL', 'https://export.arxiv.org/api').default(
    'https://export.arxiv.org/api',
  ),
  ARXIV_RSS_URL: optionalUrl('ARXIV_RSS_URL', 'https://rss.arxiv.org/rss').default(
    'https://rss.arxiv.org/rss',
  ),
  ARXIV_CATEGORIES: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((category) => category.trim())
        .filter(Boolean),
    )
    .refine((categories) => categories.every((category) => ARXIV_CATEGORY.test(category)), {
      message: 'ARXIV_CATEGORIES must be a comma-separated list of arXiv categories, e.g. cs.LG,cs.CL',
    })
    .default(['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG']),
  ARXIV_INCLUDE_CROSS: booleanFlag('ARXIV_INCLUDE_CROSS').default(false),
  ARXIV_MIN_INTERVAL_MS: integer('ARXIV_MIN_INTERVAL_MS', 0, 600_000).default(3000),
  HTTP_TIMEOUT_MS: integer('HTTP_TIMEOUT_MS', 100, 300_000).default(20_000),
  HTTP_MAX_RETRIES: integer('HTTP_MAX_RETRIES', 0, 10).default(4),
  PAPERBOY_CONTACT: z.string().optional(),
  INGEST_CRON: cronExpression('INGEST_CRON', '*/30 * * * *').prefault('*/30 * * * *'),
  DIGEST_GRACE: duration('DIGEST_GRACE', '6h', 60_000, 7 * 86_400_000).default(6 * 3_600_000),
  SHUTDOWN_TIMEOUT: duration('SHUTDOWN_TIMEOUT', '10s', 0, 600_000).default(10_000),
  DELIVERY_MAX_ATTEMPTS: integer('DELIVERY_MAX_ATTEMPTS', 1, 50).default(8),
  DELIVERY_LEASE: duration('DELIVERY_LEASE', '60s', 5_000, 3_600_000).default(60_000),
  DELIVERY_CONCURRENCY: integer('DELIVERY_CONCURRENCY', 1, 1000).default(400),
  REPLICA_ID: z.string().optional(),
  PORT: integer('PORT', 0, 65_535).default(3000),
  SLACK_BOT_TOKEN: prefixed('SLACK_BOT_TOKEN', 'xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: prefixed('SLACK_APP_TOKEN', 'xapp-').optional(),
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  SLACK_STATE_SECRET: z.string().optional(),
  SLACK_API_URL: optionalUrl('SLACK_API_URL', 'https://slack.com/api/').optional(),
  SLACK_ADMIN_ONLY: booleanFlag('SLACK_ADMIN_ONLY').default(false),
  PAPERBOY_SECRET_KEY: z
    .string()
    .refine((value) => /^[0-9a-fA-F]{64}$/.test(value) || Buffer.from(value, 'base64').length === 32, {
      message:
        'PAPERBOY_SECRET_KEY must be 32 random bytes as 64 hex characters or base64; generate one with: openssl rand -hex 32',
    })
    .optional(),
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{15,25}$/, {
      message: 'DISCORD_APPLICATION_ID must be the numeric application id from the Developer Portal',
    })
    .optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, {
      message: 'DISCORD_PUBLIC_KEY must be the 64 hex characters "Public Key" from the Developer Portal',
    })
    .optional(),
  DISCORD_GATEWAY: booleanFlag('DISCORD_GATEWAY').default(true),
  DISCORD_API_URL: optionalUrl('DISCORD_API_URL', 'https://discord.com/api').optional(),
  /**
   * Cards for paper links in ordinary Discord messages, which needs the privileged Message Content intent
   * (enabled for the bot in the Developer Portal). Off: only the "Paper card" message command makes cards.
   */
  DISCORD_MESSAGE_CONTENT: booleanFlag('DISCORD_MESSAGE_CONTENT').default(false),
  /** How many shared papers may wait for an arXiv look-up; beyond it the oldest waiting ones are dropped. */
  PAPER_LOOKUP_QUEUE: integer('PAPER_LOOKUP_QUEUE', 1, 100_000).default(500),
  /** arXiv's HTML renderings of papers, the full text questions are answered from. */
  ARXIV_HTML_URL: optionalUrl('ARXIV_HTML_URL', 'https://arxiv.org/html').default('https://arxiv.org/html'),
  /** Any OpenAI-compatible chat-completions API (hosted, vLLM, Ollama, llama.cpp's server); unset: no model. */
  LLM_BASE_URL: optionalUrl('LLM_BASE_URL', 'http://127.0.0.1:11434/v1').optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z
    .string()
    .max(200, 'LLM_MODEL must be a model name, e.g. gpt-4o-mini or llama3.1:8b')
    .optional(),
  /** Ask for streamed answers: a slow local model then only has to keep sending within LLM_TIMEOUT. */
  LLM_STREAM: booleanFlag('LLM_STREAM').default(false),
  LLM_TIMEOUT: duration('LLM_TIMEOUT', '60s', 1_000, 600_000).default(60_000),
  /** Model calls at once per replica, TL;DRs and answers together. */
  LLM_CONCURRENCY: integer('LLM_CONCURRENCY', 1, 64).default(2),
  /** Tokens (prompt and answer) the model may use per UTC day across all replicas; 0: no limit. */
  LLM_DAILY_TOKENS: integer('LLM_DAILY_TOKENS', 0, 1_000_000_000).default(500_000),
  /** Questions one person may ask per hour, and one workspace (or Discord server) per day. */
  ASK_PER_USER_HOUR: integer('ASK_PER_USER_HOUR', 1, 10_000).default(10),
  ASK_PER_WORKSPACE_DAY: integer('ASK_PER_WORKSPACE_DAY', 1, 1_000_000).default(200),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'LOG_LEVEL must be one of debug, info, warn, error, silent',
    })
    .default('info'),
});

export type Config = Readonly<z.output<typeof configSchema>>;

export interface ConfigError {
  variable: string;
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: ConfigError[] };

/** Parses the environment; never throws. Empty strings count as unset. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = configSchema.safeParse(present);
  const errors = result.success
    ? []
    : result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        message: issue.message,
      }));
  errors.push(...arxivPolitenessErrors(present), ...languageModelErrors(present));
  if (result.success && errors.length === 0) return { ok: true, config: Object.freeze(result.data) };
  return { ok: false, errors };
}

/** arXiv's terms allow one request every 3 s; only another host (a mirror, a test server) may be asked faster. */
function arxivPolitenessErrors(env: Record<string, string | undefined>): ConfigError[] {
  const interval = Number(env.ARXIV_MIN_INTERVAL_MS ?? 3000);
  const apiUrl = env.ARXIV_API_URL ?? 'https://export.arxiv.org/api';
  if (!(interval < 3000) || !isHttpUrl(apiUrl) || !/(^|\.)arxiv\.org$/.test(new URL(apiUrl).hostname))
    return [];
  return [
    {
      variable: 'ARXIV_MIN_INTERVAL_MS',
      message:
        "ARXIV_MIN_INTERVAL_MS must be at least 3000 for arxiv.org (arXiv's terms of use allow one request every 3 s)",
    },
  ];
}

/** A model needs both its API's URL and its name; a key alone says the operator meant to set one up. */
function languageModelErrors(env: Record<string, string | undefined>): ConfigError[] {
  const { LLM_BASE_URL: baseUrl, LLM_MODEL: model, LLM_API_KEY: key } = env;
  if (baseUrl !== undefined && model === undefined)
    return [
      {
        variable: 'LLM_MODEL',
        message: 'LLM_MODEL must be set with LLM_BASE_URL: the model to ask, e.g. gpt-4o-mini or llama3.1:8b',
      },
    ];
  if (baseUrl === undefined && (model !== undefined || key !== undefined))
    return [
      {
        variable: 'LLM_BASE_URL',
        message: `LLM_BASE_URL must be set with ${model !== undefined ? 'LLM_MODEL' : 'LLM_API_KEY'}: the chat-completions API's base URL, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama). Unset both to run without a model.`,
      },
    ];
  return [];
}

/** One line per bad variable, for the operator. */
export function formatConfigErrors(errors: ConfigError[]): string {
  const lines = errors.map((error) =>
    error.message.startsWith(error.variable)
      ? `  - ${error.message}`
      : `  - ${error.variable}: ${error.message}`,
  );
  return `paperboy cannot start: ${errors.length} environment variable(s) need fixing:\n${lines.join('\n')}\nSee .env.example and the Configuration section of README.md.`;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
