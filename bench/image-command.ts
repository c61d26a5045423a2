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
