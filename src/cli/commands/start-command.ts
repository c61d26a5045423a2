import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { dueDigest } from '../../core/bot/due-digest.js';
import { CONSOLE_CHANNEL } from '../../core/channel.js';
import { fillEmptyStore } from '../../ingest/fill-empty-store.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';

/** How often the console checks whether its scheduled digest is due. */
const DIGEST_CHECK_MS = 30_000;

/**
 * `paperboy` with no command: the bot in the terminal, as channel `console:local`, on the embedded database
 * unless DATABASE_URL is set. Its scheduled digest appears in the terminal at its time.
 */
export const startCommand: CliCommand = async (context) => {
  parseFlags(context.args, {});
  const services = await context.openServices();
  try {
    await services.channels.ensure(CONSOLE_CHANNEL);
    await fillEmptyStore({
      services,
      config: context.config,
      logger: context.logger,
      out: context.out,
      now: context.now(),
    });
    const stored = await services.papers.countPapers();
    const database = services.database.driver === 'pglite' ? 'embedded database' : 'Postgres';
    context.out(
      `paperboy is running in this terminal as channel console:local (${database}, ${stored} papers).`,
    );
    context.out(
      'Type what you would type after /papers in Slack: "help", "lora", "subscribe lora"; "quit" to leave.',
    );

    const console = createConsoleAdapter({
      dependencies: services.bot,
      input: context.input,
      write: (text) => context.write(text),
      interactive: context.interactive,
      now: context.now,
    });
    let checkedUpTo = context.now();
    const checkDigest = async () => {
      const now = context.now();
      try {
        const card = await dueDigest(services.bot, CONSOLE_CHANNEL, checkedUpTo, now);
        checkedUpTo = now;
        if (card) console.post(card);
      } catch (error) {
        context.logger.error('the scheduled digest failed', { error });
      }
    };
    const timer = setInterval(() => void checkDigest(), DIGEST_CHECK_MS);
    const stop = () => console.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await console.run();
    } finally {
      clearInterval(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  } finally {
    await services.close();
  }
};
