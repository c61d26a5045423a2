import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';

/** `paperboy migrate`: opening the database applies pending migrations. */
export const migrateCommand: CliCommand = async (context) => {
  parseFlags(context.args, {});
  const services = await context.openServices();
  try {
    context.out(`Database is up to date (${services.database.driver}).`);
    return 0;
  } finally {
    await services.close();
  }
};
