import type { Config } from '../config.js';
import type { BotDependencies } from '../core/bot/bot-dependencies.js';
import type { Poster } from '../core/delivery/poster.js';
import type { Logger } from '../core/logger.js';
import type { Database } from '../db/database.js';
import type { HttpServer } from '../http/http-server.js';

/** What the composition root gives a chat adapter. */
export interface ChatAdapterContext {
  config: Config;
  /** The platform-agnostic command handler's dependencies (stores, search, ...). */
  bot: BotDependencies;
  /** The bot's one HTTP server; adapters mount their routes on it before it listens. */
  http: HttpServer;
  /** For adapter-owned tables (e.g. Slack installations). */
  db: Database;
  logger: Logger;
  now: () => Date;
}

/**
 * A platform plugged into paperboy: it receives commands (HTTP routes, Socket Mode, a gateway) and answers
 * them through the core handler, and it posts digests through its `poster`.
 *
 * @example
 * const slack = createSlackAdapter(context);
 * await slack.start();
 * const worker = createDeliveryWorker({ posters: [slack.poster], ... });
 */
export interface ChatAdapter {
  readonly name: string;
  readonly poster: Poster;
  /** Mounts routes and connects; resolves when it is ready to answer. */
  start(): Promise<void>;
  /** Disconnects; answers nothing more. */
  stop(): Promise<void>;
}
