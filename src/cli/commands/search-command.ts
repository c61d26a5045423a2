import { isOnHuggingFace } from '../../core/cards/paper-item.js';
import { arxivAbsUrl, hfPaperUrl, type Paper } from '../../core/paper.js';
import { SEARCH_LIMIT, SEARCH_SORTS, type SearchResults } from '../../core/search.js';
import { parseSince } from '../../core/since.js';
import type { CliCommand } from '../cli-context.js';
import { parseChoice, parseFlags, parseInteger } from '../parse-flags.js';
import { UsageError } from '../usage.js';

const VALUE_FLAGS = new Set(['--limit', '--since', '--sort', '--source']);

/** `paperboy search <query...>`: the same search the chat command uses, printed or as JSON. */
export const searchCommand: CliCommand = async (context) => {
  const { flags, words } = splitQuery(context.args);
  const { values } = parseFlags(flags, {
    limit: { type: 'string' },
    since: { type: 'string' },
    sort: { type: 'string' },
    source: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const query = words.join(' ').trim();
  if (!query) throw new UsageError('search needs a query, e.g. paperboy search lora');
  const limit =
    parseInteger('limit', values.limit, SEARCH_LIMIT.min, SEARCH_LIMIT.max) ?? SEARCH_LIMIT.default;
  const sort = parseChoice('sort', values.sort, SEARCH_SORTS) ?? 'relevance';
  const source = parseChoice('source', values.source, ['hf', 'arxiv'] as const);
  let since: Date | undefined;
  if (values.since !== undefined) {
    const parsed = parseSince(values.since, context.now());
    if (!parsed.ok) throw new UsageError(`--since: ${parsed.error}`);
    since = parsed.value;
  }

  const services = await context.openServices();
  try {
    const results = await services.search.search({ query, limit, sort, since, source }, context.now());
    if (values.json) {
      context.out(JSON.stringify(toJson(results), null, 2));
    } else {
      const empty = results.total === 0 && (await services.papers.countPapers()) === 0;
      context.out(
        empty
          ? 'No papers are stored yet. Run `paperboy ingest` or `paperboy import <file>` first.'
          : formatResults(results),
      );
    }
    return 0;
  } finally {
    await services.close();
  }
};

/** Query words may start with `-` (exclusions such as `-survey`); only `--flags` are options. */
function splitQuery(args: string[]): { flags: string[]; words: string[] } {
  const flags: string[] = [];
  const words: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      words.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    flags.push(arg);
    if (VALUE_FLAGS.has(arg) && index + 1 < args.length) {
      flags.push(args[index + 1] ?? '');
      index += 1;
    }
  }
  return { flags, words };
}

function toJson(results: SearchResults) {
  return {
    query: results.query,
    total: results.total,
    totalCapped: results.totalCapped,
    fuzzy: results.fuzzy,
    results: results.hits.map(({ paper, score }) => ({
      id: paper.id,
      title: paper.title,
      authors: paper.authors,
      upvotes: paper.upvotes ?? 0,
      publishedAt: paper.publishedAt?.toISOString() ?? null,
      url: hfPaperUrl(paper.id),
      score: Math.round(score * 10_000) / 10_000,
    })),
  };
}

/** `"lora"`, or the query as typed when it has quotes of its own (`"vision language" -survey`). */
const quoted = (query: string): string => (query.includes('"') ? query : `"${query}"`);

function formatResults(results: SearchResults): string {
  const query = quoted(results.query);
  if (results.total === 0) return `No papers match ${query}.`;
  const heading = results.fuzzy
    ? `No exact matches for ${query}; ${results.total} similar (fuzzy) matches${results.correctedQuery ? ` for ${quoted(results.correctedQuery)}` : ''}:`
    : `${results.total}${results.totalCapped ? '+' : ''} ${results.total === 1 ? 'paper matches' : 'papers match'} ${query}:`;
  const lines = results.hits.map(({ paper }, index) => formatPaper(paper, index + 1));
  return [heading, ...lines].join('\n');
}

function formatPaper(paper: Paper, position: number): string {
  const authors =
    paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', ');
  const date = (paper.dailyDate ?? paper.publishedAt?.toISOString().slice(0, 10)) || 'undated';
  const upvotes = paper.upvotes === null ? '' : `▲ ${paper.upvotes}`;
  const meta = [paper.id, upvotes, date, authors].filter(Boolean).join(' · ');
  const url = isOnHuggingFace(paper) ? hfPaperUrl(paper.id) : arxivAbsUrl(paper.id);
  return `${String(position).padStart(2)}. ${paper.title}\n    ${meta}\n    ${url}`;
}
