#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY,
});
process.exitCode = exitCode;
