import { createInterface } from 'node:readline';
import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';

/**
 * `paperboy` with no command: opens the store (embedded unless DATABASE_URL is set) and answers searches
 * typed at the prompt until end of input.
 */
export const startCommand: CliCommand = async (context) => {
  parseFlags(context.args, {});
  const services = await context.openServices();
  try {
    const stored = await services.papers.countPapers();
    context.out(
      `paperboy is running on the ${services.database.driver === 'pglite' ? 'embedded' : 'Postgres'} database with ${stored} papers.`,
    );
    if (stored === 0)
      context.out('The store is empty: run `paperboy ingest` or `paperboy import <file>` to add papers.');
    context.out('Type a search (e.g. lora -survey) and press Enter; Ctrl-D to quit.');
    const prompt = createInterface({ input: context.input, terminal: false });
    for await (const line of prompt) {
      const query = line.trim();
      if (!query) continue;
      const results = await services.search.search({ query, limit: 5 }, context.now());
      if (results.total === 0) context.out(`No papers match "${query}".`);
      for (const { paper } of results.hits) context.out(`- ${paper.title} (${paper.id})`);
    }
    return 0;
  } finally {
    await services.close();
  }
};
