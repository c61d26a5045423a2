import { ImportFormatError, readImportFile } from '../../ingest/import-file.js';
import { formatSummary, runIngest } from '../../ingest/run-ingest.js';
import { SourceError } from '../../sources/source-errors.js';
import type { CliCommand } from '../cli-context.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage.js';

/** `paperboy import <file>`: backfills and offline use from a saved response. */
export const importCommand: CliCommand = async (context) => {
  const { positionals } = parseFlags(context.args, {}, true);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new UsageError('import takes exactly one file, e.g. paperboy import papers.json');

  let parsed: Awaited<ReturnType<typeof readImportFile>>;
  try {
    parsed = await readImportFile(file);
  } catch (error) {
    if (error instanceof ImportFormatError || error instanceof SourceError) {
      context.out(`Cannot import ${file}: ${error.message}`);
      return 1;
    }
    if (isNodeError(error) && error.code === 'ENOENT') {
      context.out(`Cannot import ${file}: no such file`);
      return 1;
    }
    throw error;
  }

  const services = await context.openServices();
  try {
    const summary = await runIngest({
      source: 'import',
      params: { file, format: parsed.format },
      pages: parsed.pages,
      papers: services.papers,
      runs: services.runs,
      logger: context.logger,
      onProgress: context.out,
      now: context.now,
    });
    context.out(formatSummary(summary));
    return summary.status === 'succeeded' ? 0 : 1;
  } finally {
    await services.close();
  }
};

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
