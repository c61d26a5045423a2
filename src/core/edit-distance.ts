/**
 * Levenshtein distance: the fewest single-character insertions, deletions or substitutions that turn `a` into `b`.
 *
 * @example
 * editDistance('subscrbe', 'subscribe'); // 1
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate nearest to `word` (case-insensitive) if it is at most `maxDistance` edits away; the first
 * candidate wins ties.
 *
 * @example
 * closestWord('limt', ['topic', 'limit'], 2); // 'limit'
 */
export function closestWord(
  word: string,
  candidates: readonly string[],
  maxDistance: number,
): string | undefined {
  const needle = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
