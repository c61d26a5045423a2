import { type Config, formatConfigErrors, parseConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import { createPinoLogger } from '../logging/pino-logger.js';
import { openServices } from '../services.js';
import { version } from '../version.js';
import type { CliCommand } from './cli-context.js';
import { digestCommand } from './commands/digest-command.js';
import { feedbackCommand } from './commands/feedback-command.js';
import { importCommand } from './commands/import-command.js';
import { ingestCommand } from './commands/ingest-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { savedCommand } from './commands/saved-command.js';
import { searchCommand } from './commands/search-command.js';
import { startCommand } from './commands/start-command.js';
import { retryCommand, statusCommand } from './commands/status-command.js';
import { previewCommand, whyCommand } from './commands/why-command.js';
import { USAGE, UsageError } from './usage.js';

const COMMANDS: Record<string, CliCommand> = {
  start: startCommand,
  ingest: ingestCommand,
  import: importCommand,
  search: searchCommand,
  migrate: migrateCommand,
  digest: digestCommand,
  feedback: feedbackCommand,
  saved: savedCommand,
  preview: previewCommand,
  why: whyCommand,
  status: statusCommand,
  retry: retryCommand,
  // Loaded when used: it brings in discord.js, which would add half a second to every other command's start.
  discord: async (context) => (await import('./commands/discord-command.js')).discordCommand(context),
};

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: NodeJS.ReadableStream;
  isTTY?: boolean;
  now?: () => Date;
  logger?: Logger;
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failed, 2 bad usage or configuration. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const name = first === undefined || first.startsWith('-') ? 'start' : first;
  const command = COMMANDS[name];
  const args = first === undefined || first.startsWith('-') ? argv : rest;
  if (!command) return usageError(io, `unknown command "${name}"`);
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }

  const parsed = parseConfig(io.env);
  if (!parsed.ok) {
    io.stderr(`${formatConfigErrors(parsed.errors)}\n`);
    return 2;
  }
  const config: Config = parsed.config;
  const logger = io.logger ?? createPinoLogger(config.LOG_LEVEL, { pretty: io.isTTY ?? false });
  try {
    return await command({
      args,
      config,
      logger,
      out: (line) => io.stdout(`${line}\n`),
      write: io.stdout,
      writeError: io.stderr,
      interactive: io.isTTY ?? false,
      openServices: () => openServices(config, logger),
      now: io.now ?? (() => new Date()),
      input: io.stdin ?? process.stdin,
    });
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message);
    io.stderr(`paperboy ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`paperboy: ${message}\n\n${USAGE}`);
  return 2;
}
