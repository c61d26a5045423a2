import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { botNodeOptions } from './image-command.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../.bench-build/', import.meta.url));
/** What the compiled modules read beside themselves (`new URL('../package.json', import.meta.url)` and the like). */
const BESIDE = ['package.json', 'migrations', 'sample'];

let compiled: string | undefined;

/**
 * The bench's bot process (`fan-out-bot.ts`) compiled to JavaScript in `.bench-build/`, so that it runs as the
 * image runs the service, on plain node: under tsx the same modules hold about 85 MB more, which the peak RSS
 * would count. Compiled once per bench run without type checking (`npm run typecheck` does that).
 */
function compiledBotScript(): string {
  if (compiled) return compiled;
  rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)),
      ...['-p', 'tsconfig.json', '--noCheck', '--noEmit', 'false', '--sourceMap', 'false'],
      ...['--rootDir', '.', '--outDir', outDir],
    ],
    { cwd: root, stdio: 'inherit' },
  );
  for (const name of BESIDE) symlinkSync(`${root}${name}`, `${outDir}${name}`);
  compiled = `${outDir}bench/fan-out-bot.js`;
  return compiled;
}

/**
 * Starts the fan-out bot (compiled, with the bot's node options) with `env` on top of this process's; it
 * prints JSON lines on stdout (`botMessages` reads them).
 */
export function spawnFanOutBot(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...botNodeOptions(), compiledBotScript()], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}
