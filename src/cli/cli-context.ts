import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Services } from '../services.js';

/** What a CLI command is given: its arguments, output streams, configuration and the shared services. */
export interface CliContext {
  args: string[];
  config: Config;
  logger: Logger;
  out: (line: string) => void;
  /** Writes text as is (no newline added). */
  write: (text: string) => void;
  /** Writes to standard error as is, for messages meant for the operator. */
  writeError: (text: string) => void;
  /** A person at a terminal: colour and prompts. */
  interactive: boolean;
  openServices: () => Promise<Services>;
  now: () => Date;
  /** What the user types (standard input outside tests). */
  input: NodeJS.ReadableStream;
}

/** A command returns its exit code: 0 on success, 1 when the work failed. */
export type CliCommand = (context: CliContext) => Promise<number>;
