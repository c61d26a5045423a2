import { openDatabase } from '../src/db/database.js';
import { benchFanOut } from './fan-out.js';

/**
 * Runs the fan-out scenario in a process of its own, on the bench's Postgres database (`BENCH_FANOUT_URL`), so
 * its peak RSS is the bot's (plus the fakes'), not the generated corpus the parent holds. Prints the rows as
 * JSON on the last line of stdout.
 */
const url = process.env.BENCH_FANOUT_URL;
if (!url) throw new Error('BENCH_FANOUT_URL is not set');
const handle = await openDatabase({ url, migrate: false });
try {
  const rows = await benchFanOut('postgres', handle, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(rows)}\n`);
} finally {
  await handle.close();
}
