import { arxivAbsUrl, type Paper } from '../paper.js';
import type { SavedEntry } from '../ports.js';

/** TeX's special characters, escaped so an untrusted title cannot break the entry or run a command. */
const bibtexText = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}]/g, (character) => (character === '\\' ? '\\textbackslash{}' : `\\${character}`))
    .replace(/[&%$#_]/g, (character) => `\\${character}`)
    .replace(/[~^]/g, (character) => `\\${character}{}`);

const year = (paper: Paper): string =>
  String(
    (
      paper.publishedAt ?? (paper.dailyDate ? new Date(`${paper.dailyDate}T00:00:00Z`) : null)
    )?.getUTCFullYear() ?? '',
  );

/** `surname2026word`: the first author's surname, the year and the title's first word, letters and digits only. */
const citationKey = (paper: Paper): string => {
  const surname = paper.authors[0]?.trim().split(/\s+/).at(-1) ?? 'paper';
  const word = paper.title.split(/\s+/).find((part) => /[\p{L}\p{N}]{3,}/u.test(part)) ?? '';
  const key = `${surname}${year(paper)}${word}`
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
  return key || `arxiv${paper.id.replace(/[^0-9]/g, '')}`;
};

/**
 * The reading list as BibTeX: one `@misc` entry per paper with `eprint`, `archivePrefix`, `primaryClass` and
 * `url`, as arXiv's own export writes them. Keys are unique within the file.
 */
export function toBibtex(entries: readonly SavedEntry[]): string {
  const used = new Map<string, number>();
  return entries
    .map(({ paper }) => {
      const base = citationKey(paper);
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      const key =
        seen === 0 ? base : `${base}${String.fromCharCode(97 + ((seen - 1) % 26))}${seen > 26 ? seen : ''}`;
      const fields: [string, string][] = [
        ['title', `{${bibtexText(paper.title)}}`],
        ['author', `{${paper.authors.map(bibtexText).join(' and ')}}`],
        ['year', `{${year(paper)}}`],
        ['eprint', `{${paper.id}}`],
        ['archivePrefix', '{arXiv}'],
        ...(paper.primaryCategory
          ? [['primaryClass', `{${bibtexText(paper.primaryCategory)}}`] satisfies [string, string]]
          : []),
        ['url', `{${arxivAbsUrl(paper.id)}}`],
      ];
      return `@misc{${key},\n${fields.map(([name, value]) => `  ${name} = ${value},`).join('\n')}\n}\n`;
    })
    .join('\n');
}

/** A CSV cell: quoted when needed, and a leading `=`, `+`, `-` or `@` defused so a spreadsheet runs nothing. */
const csvCell = (value: string): string => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The reading list as CSV (RFC 4180, with a header row). */
export function toCsv(entries: readonly SavedEntry[]): string {
  const header = ['arxiv_id', 'title', 'authors', 'published', 'url', 'saved_by', 'saved_at'];
  const rows = entries.map(({ paper, savedBy, savedAt }) => [
    paper.id,
    paper.title.replace(/\s+/g, ' ').trim(),
    paper.authors.join('; '),
    paper.publishedAt?.toISOString().slice(0, 10) ?? paper.dailyDate ?? '',
    arxivAbsUrl(paper.id),
    savedBy.join(' '),
    savedAt.toISOString(),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
