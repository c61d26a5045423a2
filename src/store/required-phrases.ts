/**
 * The phrases every match of a web-search query must hold: its quoted phrases and hyphenated words (which
 * Postgres reads as phrases too), unless excluded with `-`. A query with `OR` outside quotes, a `-` standing
 * alone (Postgres excludes what follows it) or a quote left open requires none here: which of its parts must
 * match is then for Postgres alone to say. Search narrows a query by the word pairs of these phrases
 * (`paperboy_word_pairs`); a phrase left out only narrows it less, never drops a match.
 *
 * @example
 * requiredPhrases('"large language models" GPT-4o -"survey paper"'); // ['large language models', 'GPT-4o']
 */
export function requiredPhrases(query: string): string[] {
  if ((query.match(/"/g)?.length ?? 0) % 2 === 1) return [];
  const phrases: string[] = [];
  for (const [, excluded, quoted, word] of query.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    if (quoted !== undefined) {
      // Inside quotes a leading `-` is punctuation to Postgres's parser; leave such a phrase to it.
      if (!excluded && !/(^|\s)-/.test(quoted) && quoted.trim()) phrases.push(quoted.trim());
    } else if (word !== undefined) {
      if (word.toLowerCase() === 'or' || word === '-') return [];
      if (!word.startsWith('-') && !word.includes('"') && /\w-\w/.test(word)) phrases.push(word);
    }
  }
  return phrases;
}
