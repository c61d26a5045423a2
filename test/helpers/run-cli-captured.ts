import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';
import { silentLogger } from '../../src/core/logger.js';

/**
 * Runs `paperboy <argv>` in this process with `env` and `input` on stdin, capturing what it prints, at the fixed
 * instant `now`.
 */
export async function runCliCaptured(argv: string[], env: NodeJS.ProcessEnv, now: string, input = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: Readable.from([input]),
    logger: silentLogger,
    now: () => new Date(now),
  });
  return { code, stdout, stderr };
}
