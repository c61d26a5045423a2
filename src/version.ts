import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const version: string = packageJson.version;

/** Names the bot to the services it calls, as arXiv and Hugging Face ask. */
export function userAgent(contact?: string): string {
  return `paperboy/${version} (research-paper chat bot${contact ? `; contact: ${contact}` : ''})`;
}
