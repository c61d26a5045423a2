import { readFileSync } from 'node:fs';

/**
 * The node options of the image's command (the Dockerfile's `CMD ["node", …options, "dist/main.js"]`), so the
 * bench runs the bot exactly as the image does.
 */
export function imageNodeOptions(): string[] {
  const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
  const line = dockerfile.split('\n').find((entry) => entry.startsWith('CMD ['));
  const command = line ? (JSON.parse(line.slice('CMD '.length)) as string[]) : [];
  if (command[0] !== 'node' || command.at(-1) !== 'dist/main.js')
    throw new Error('the Dockerfile\'s CMD is not ["node", …options, "dist/main.js"]');
  return command.slice(1, -1);
}

/**
 * The node options of a bench's bot process: the image's, then BENCH_BOT_NODE_ARGS (for example
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the bot under load).
 */
export function botNodeOptions(): string[] {
  return [...imageNodeOptions(), ...(process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
}
