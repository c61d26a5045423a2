import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/** paperboy's logger in the shape Bolt and web-api want; Bolt's chatter goes to debug. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const text = (messages: unknown[]) =>
    messages.map((message) => (typeof message === 'string' ? message : String(message))).join(' ');
  return {
    debug: (...messages) => logger.debug(text(messages)),
    info: (...messages) => logger.debug(text(messages)),
    warn: (...messages) => logger.warn(text(messages)),
    error: (...messages) => logger.error(text(messages)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
