export type ImportFormat = 'hf-json' | 'arxiv-atom' | 'arxiv-rss';

/** Tells a saved HF `daily_papers` array from an arXiv Atom or RSS file by looking at the content. */
export function detectFormat(content: string): ImportFormat | null {
  const head = content
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 2000);
  if (head.startsWith('[')) return 'hf-json';
  if (!head.startsWith('<')) return null;
  if (/<(\w+:)?feed[\s>]/.test(head)) return 'arxiv-atom';
  if (/<rss[\s>]/.test(head)) return 'arxiv-rss';
  return null;
}
