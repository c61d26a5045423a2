import { stripControlChars } from '../../core/cards/sanitize.js';
import { channelKey } from '../../core/channel.js';
import { arxivAbsUrl } from '../../core/paper.js';
import type { FeedbackStore, SavedEntry } from '../../core/ports.js';
import { toBibtex, toCsv } from '../../core/reading-list/export-formats.js';
import { parseSince } from '../../core/since.js';
import { readChannelFlag } from '../channel-flag.js';
import type { CliCommand } from '../cli-context.js';
import { parseChoice, parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage.js';

const FORMATS = ['text', 'bibtex', 'csv', 'json'] as const;
/** The list is read from the store this many entries at a time. */
const PAGE = 500;

/**
 * `paperboy saved [--channel console:local] [--format text|bibtex|csv|json] [--since 7d] [--by USER]`: a
 * channel's reading list, most recently saved first: readable text, the BibTeX or CSV file `/papers saved
 * export:` sends, or JSON (`{"channel", "total", "entries": [{"id", "title", "authors", "savedBy", "savedAt",
 * "url"}]}`). The whole list, however long.
 */
export const savedCommand: CliCommand = async (context) => {
  const { values } = parseFlags(context.args, {
    channel: { type: 'string', default: 'console:local' },
    format: { type: 'string', default: 'text' },
    since: { type: 'string' },
    by: { type: 'string' },
  });
  const ref = readChannelFlag(values.channel);
  const format = parseChoice('format', values.format, FORMATS) ?? 'text';
  let since: Date | undefined;
  if (values.since !== undefined) {
    const parsed = parseSince(values.since, context.now());
    if (!parsed.ok) throw new UsageError(`--since: ${parsed.error}`);
    since = parsed.value;
  }
  if (values.by !== undefined && values.by.trim() === '')
    throw new UsageError('--by needs a user id, e.g. U024BE7LH');

  const services = await context.openServices();
  try {
    const { feedback } = services.bot;
    if (!feedback) throw new Error('this paperboy has no feedback store');
    const query = { ...(since ? { since } : {}), ...(values.by ? { by: values.by.trim() } : {}) };
    const entries = await everySaved(feedback, ref, query);
    const key = channelKey(ref);
    switch (format) {
      case 'bibtex':
        context.write(toBibtex(entries));
        break;
      case 'csv':
        context.write(toCsv(entries));
        break;
      case 'json':
        context.out(JSON.stringify(toJson(key, entries), null, 2));
        break;
      case 'text':
        context.out(formatList(key, entries, values.since));
        break;
    }
    return 0;
  } finally {
    await services.close();
  }
};

async function everySaved(
  feedback: FeedbackStore,
  ref: Parameters<FeedbackStore['saved']>[0],
  query: { since?: Date; by?: string },
): Promise<SavedEntry[]> {
  const entries: SavedEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await feedback.saved(ref, { ...query, limit: PAGE, offset });
    entries.push(...page.entries);
    if (offset + PAGE >= page.total || page.entries.length === 0) return entries;
  }
}

function toJson(channel: string, entries: readonly SavedEntry[]) {
  return {
    channel,
    total: entries.length,
    entries: entries.map(({ paper, savedBy, savedAt }) => ({
      id: paper.id,
      title: paper.title,
      authors: paper.authors,
      savedBy,
      savedAt: savedAt.toISOString(),
      url: arxivAbsUrl(paper.id),
    })),
  };
}

function formatList(channel: string, entries: readonly SavedEntry[], since: string | undefined): string {
  const within = since ? ` since ${since}` : '';
  if (entries.length === 0) {
    return `Nothing saved in ${channel}${within}. Save a paper with: paperboy feedback --channel ${channel} <paper-id> save`;
  }
  const heading = `Reading list of ${channel}${within}: ${entries.length} ${entries.length === 1 ? 'paper' : 'papers'}, most recently saved first`;
  // Titles, names and user ids are untrusted: no control character (a terminal escape) is printed.
  const lines = entries.map(({ paper, savedBy, savedAt }, index) => {
    const names = paper.authors.map((name) => stripControlChars(name));
    const authors = names.length > 3 ? `${names.slice(0, 3).join(', ')} et al.` : names.join(', ');
    const number = `${String(index + 1).padStart(2)}. `;
    return [
      `${number}${stripControlChars(paper.title).replace(/\s+/g, ' ').trim()}`,
      `    ${[paper.id, authors].filter(Boolean).join(' · ')}`,
      `    saved by ${savedBy.map((user) => stripControlChars(user)).join(', ')} · ${savedAt.toISOString()}`,
      `    ${arxivAbsUrl(paper.id)}`,
    ].join('\n');
  });
  return [heading, ...lines].join('\n');
}
