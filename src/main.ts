#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

// A reader that goes away (`paperboy search x | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
});
process.exitCode = exitCode;
