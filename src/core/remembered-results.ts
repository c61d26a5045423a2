/**
 * `compute` with its latest `maxEntries` results kept by key, the one used longest ago forgotten first: for
 * pure functions that the same inputs reach again and again (every digest of a fan-out shows the same papers).
 */
export function rememberResults<Result>(
  compute: (key: string) => Result,
  maxEntries: number,
): (key: string) => Result {
  const remembered = new Map<string, Result>();
  return (key) => {
    const known = remembered.get(key);
    if (known !== undefined || remembered.has(key)) {
      // Maps keep insertion order: moving a key to the end keeps the first key the one used longest ago.
      remembered.delete(key);
      remembered.set(key, known as Result);
      return known as Result;
    }
    const result = compute(key);
    remembered.set(key, result);
    if (remembered.size > maxEntries) remembered.delete(remembered.keys().next().value as string);
    return result;
  };
}
