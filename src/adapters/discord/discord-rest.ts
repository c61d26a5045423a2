import { REST, type RESTOptions } from 'discord.js';

/** A 429 asking for a longer wait than this is handed to the delivery worker instead of slept through. */
export const MAX_REST_WAIT_MS = 30_000;

/**
 * REST options for paperboy: Discord's API (or `DISCORD_API_URL`), and a rejection (a `RateLimitError`) only
 * when Discord asks for a wait longer than `MAX_REST_WAIT_MS`; shorter 429s are waited out by discord.js.
 */
export const restOptions = (apiUrl: string): Partial<RESTOptions> => ({
  api: apiUrl,
  rejectOnRateLimit: (data) => data.retryAfter > MAX_REST_WAIT_MS,
});

/** A REST client with the bot token. */
export const createDiscordRest = (apiUrl: string, token: string): REST =>
  new REST(restOptions(apiUrl)).setToken(token);
