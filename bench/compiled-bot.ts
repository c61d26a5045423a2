import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
export function compiledBotScript(): string {
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
  mkdirSync(outDir, { recursive: true });
  for (const name of BESIDE)
    if (!existsSync(`${outDir}${name}`)) symlinkSync(`${root}${name}`, `${outDir}${name}`);
  compiled = `${outDir}bench/fan-out-bot.js`;
  return compiled;
}
