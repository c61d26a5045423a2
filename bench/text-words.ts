/** English function words and the filler of paper titles: never a topic on their own. */
export const STOPWORDS = new Set(
  (
    'a about above across after against all also among an and any are as at be been before being below between both ' +
    'but by can could do does during each either for from further had has have how however if in into is it its ' +
    'itself more most new no nor not novel of on only or other our over own same should so some such than that the ' +
    'their them then there these they this those through to toward towards under until up upon us using via was we ' +
    'were what when where whether which while who whom why will with within without would you your based study ' +
    'approach method methods paper one two three first use used show shows propose proposed'
  ).split(' '),
);

/** A word of running text with its surrounding punctuation removed (inner hyphens and dots stay). */
export const cleanWord = (raw: string): string => raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/**
 * The text as runs of words that stand side by side: a run breaks at punctuation (`:`, `,`, `.`, brackets) and
 * at formulas, so a phrase counted from a run is a phrase a reader sees.
 */
export function wordRuns(text: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const close = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const raw of text.split(/\s+/)) {
    if (raw.includes('$') || raw.includes('\\')) {
      close();
      continue;
    }
    const word = cleanWord(raw);
    if (word && !/^[([{"'“]/.test(raw)) run.push(word);
    else if (word) {
      close();
      run.push(word);
    }
    if (!word || /[^\p{L}\p{N}]$/u.test(raw)) close();
  }
  close();
  return runs;
}

/** A lowercase word that can stand as a topic: letters only, three or more, not a function word. */
export const isTopicWord = (word: string): boolean => /^[a-z]{3,}$/.test(word) && !STOPWORDS.has(word);
