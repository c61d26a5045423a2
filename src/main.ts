#!/usr/bin/env node
import { SHUTDOWN_GRACE_MS } from './app/shutdown-budget.js';
import { runCli } from './cli/run-cli.js';
import { parseConfig } from './config.js';

// A reader that goes away (`paperboy search x | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/**
 * The running service stops by itself on SIGTERM/SIGINT, every step bounded by SHUTDOWN_TIMEOUT; this is the
 * backstop if a step ever is not: a second after SHUTDOWN_TIMEOUT the process ends, saying so. Other commands
 * listen for no signal, and end at once as usual.
 */
let stopping = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (process.listenerCount(signal) <= 1) process.exit(signal === 'SIGINT' ? 130 : 143);
  if (stopping) return;
  stopping = true;
  const parsed = parseConfig(process.env);
  const timeoutMs = parsed.ok ? parsed.config.SHUTDOWN_TIMEOUT : 10_000;
  setTimeout(() => {
    process.stderr.write(
      `paperboy did not stop within SHUTDOWN_TIMEOUT (${timeoutMs} ms) and a second; exiting anyway\n`,
    );
    process.exit(1);
  }, timeoutMs + Math.max(SHUTDOWN_GRACE_MS, 1_000)).unref();
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
});
// After a signal the service has recorded its posts, released its leases and closed the database; what may be
// left (an ingest's request to a slow source, a socket) must not hold the process past its deadline.
if (stopping) process.exit(exitCode);
process.exitCode = exitCode;
