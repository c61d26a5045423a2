import type { Config } from '../../config.js';
import { err, ok, type Result } from '../../core/result.js';

/**
 * How paperboy talks to Slack, decided by which variables are set:
 * - `http`: one workspace, slash commands and events at `POST /slack/events` (bot token + signing secret);
 * - `socket`: one workspace over Socket Mode, no public URL (bot token + app token);
 * - `oauth`: any number of workspaces installed through `/slack/install` (client id, secret, state secret,
 *   signing secret), their bot tokens kept encrypted with `PAPERBOY_SECRET_KEY`.
 */
export type SlackMode =
  | { kind: 'http'; botToken: string; signingSecret: string }
  | { kind: 'socket'; botToken: string; appToken: string }
  | {
      kind: 'oauth';
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      signingSecret: string;
      /** The 32-byte AES-256-GCM key that encrypts installations at rest. */
      secretKey: Buffer;
    };

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/**
 * Reads the Slack mode from the configuration: null when no Slack variable is set, else the mode or every
 * start-up error, each naming what to set.
 *
 * @example
 * resolveSlackMode({ ...config, SLACK_BOT_TOKEN: 'xoxb-1' });
 * // err(['SLACK_SIGNING_SECRET is required for HTTP mode. Set it, or set SLACK_APP_TOKEN for Socket Mode.'])
 */
export function resolveSlackMode(config: Config): Result<SlackMode | null, string[]> {
  const {
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_APP_TOKEN: appToken,
  } = config;
  if (OAUTH_VARIABLES.some((name) => config[name] !== undefined)) return oauthMode(config);
  if (appToken !== undefined) {
    if (botToken === undefined) {
      return err([
        "SLACK_BOT_TOKEN is required for Socket Mode. Set it to the app's Bot User OAuth Token (xoxb-...).",
      ]);
    }
    return ok({ kind: 'socket', botToken, appToken });
  }
  if (botToken !== undefined) {
    if (signingSecret === undefined) {
      return err([
        'SLACK_SIGNING_SECRET is required for HTTP mode. Set it, or set SLACK_APP_TOKEN for Socket Mode.',
      ]);
    }
    return ok({ kind: 'http', botToken, signingSecret });
  }
  if (signingSecret !== undefined) {
    return err([
      'SLACK_BOT_TOKEN is required for one workspace (HTTP mode). Set it, or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install paperboy in many workspaces (OAuth).',
    ]);
  }
  return ok(null);
}

function oauthMode(config: Config): Result<SlackMode, string[]> {
  const errors: string[] = [];
  for (const name of OAUTH_VARIABLES) {
    if (config[name] === undefined) {
      errors.push(
        `${name} is required for OAuth (many workspaces). Set it from your Slack app's Basic Information page, or unset ${OAUTH_VARIABLES.filter((other) => other !== name).join(' and ')} to use one workspace with SLACK_BOT_TOKEN.`,
      );
    }
  }
  if (config.SLACK_SIGNING_SECRET === undefined) {
    errors.push(
      "SLACK_SIGNING_SECRET is required for OAuth (many workspaces). Set it to the Signing Secret from your Slack app's Basic Information page.",
    );
  }
  if (config.PAPERBOY_SECRET_KEY === undefined) {
    errors.push(
      "PAPERBOY_SECRET_KEY is required for OAuth: it encrypts the workspaces' bot tokens. Generate one with: openssl rand -hex 32",
    );
  }
  if (config.SLACK_BOT_TOKEN !== undefined) {
    errors.push(
      "SLACK_BOT_TOKEN must not be set with OAuth: each workspace's token comes from its installation. Unset it, or unset SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for one workspace.",
    );
  }
  if (config.SLACK_APP_TOKEN !== undefined) {
    errors.push(
      'SLACK_APP_TOKEN (Socket Mode) cannot be combined with OAuth, which receives requests over HTTP. Unset SLACK_APP_TOKEN, or unset SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.',
    );
  }
  if (errors.length > 0) return err(errors);
  return ok({
    kind: 'oauth',
    clientId: config.SLACK_CLIENT_ID ?? '',
    clientSecret: config.SLACK_CLIENT_SECRET ?? '',
    stateSecret: config.SLACK_STATE_SECRET ?? '',
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    secretKey: parseSecretKey(config.PAPERBOY_SECRET_KEY ?? ''),
  });
}

/** `PAPERBOY_SECRET_KEY` as 32 bytes: 64 hex characters, or base64 (config.ts has checked it is one of them). */
export function parseSecretKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

/** web-api's `slackApiUrl` wants the trailing slash that config.ts strips. */
export function slackApiUrl(config: Config): string | undefined {
  return config.SLACK_API_URL === undefined ? undefined : `${config.SLACK_API_URL}/`;
}
