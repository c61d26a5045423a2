/** The width of text in terminal columns, counting code points (wide CJK and emoji are counted as one). */
export const columns = (text: string): number => Array.from(text).length;

/**
 * Wraps one line of text at spaces so no line passes `width` columns; a word longer than a line is broken.
 * Every line starts with `indent`; `firstIndent` replaces it on the first line (for list numbers).
 *
 * @example
 * wrapText('a b c', 3, '  '); // ['  a', '  b', '  c']
 */
export const wrapText = (text: string, width: number, indent = '', firstIndent = indent): string[] => {
  const lines: string[] = [];
  let prefix = firstIndent;
  let current = '';
  const room = (): number => Math.max(1, width - columns(prefix));
  const flush = (): void => {
    lines.push(prefix + current);
    prefix = indent;
    current = '';
  };
  for (const word of text.split(' ').filter((part) => part !== '')) {
    let rest = word;
    if (current !== '' && columns(current) + 1 + columns(rest) > room()) flush();
    if (current !== '') current += ' ';
    while (columns(current) + columns(rest) > room()) {
      const chars = Array.from(rest);
      const take = room() - columns(current);
      current += chars.slice(0, take).join('');
      rest = chars.slice(take).join('');
      flush();
    }
    current += rest;
  }
  if (current !== '' || lines.length === 0) flush();
  return lines;
};

/**
 * Joins `parts` with `separator`, starting a new line before a part that would pass `width`, so a part such as
 * `code ★ 120` is never split; a part longer than a whole line is wrapped on its own.
 *
 * @example
 * wrapParts(['▲ 42', '2026-06-12', 'code ★ 120'], 20, '  '); // ['  ▲ 42 · 2026-06-12', '  code ★ 120']
 */
export const wrapParts = (
  parts: readonly string[],
  width: number,
  indent = '',
  separator = ' · ',
): string[] => {
  const lines: string[] = [];
  const room = Math.max(1, width - columns(indent));
  let current = '';
  for (const part of parts) {
    const joined = current === '' ? part : current + separator + part;
    if (columns(joined) <= room) {
      current = joined;
      continue;
    }
    if (current !== '') lines.push(indent + current);
    current = '';
    if (columns(part) <= room) current = part;
    else lines.push(...wrapText(part, width, indent));
  }
  if (current !== '') lines.push(indent + current);
  return lines;
};
