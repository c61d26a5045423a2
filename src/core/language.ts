/**
 * The language a channel reads TL;DRs and answers in: a BCP 47 tag such as `en`, `de` or `pt-BR`. Titles and
 * abstracts stay as the paper wrote them.
 */
export const DEFAULT_LANGUAGE = 'en';

/**
 * The tag in its canonical form (`pt-br` → `pt-BR`), or null when it is not a well-formed BCP 47 tag whose
 * language (two or three letters) the runtime knows by name.
 *
 * @example
 * canonicalLanguage('DE'); // 'de'
 * canonicalLanguage('klingon'); // null
 */
export function canonicalLanguage(tag: string): string | null {
  let canonical: string;
  try {
    [canonical = ''] = Intl.getCanonicalLocales(tag.trim());
  } catch {
    return null;
  }
  const base = /^[a-z]{2,3}(?=-|$)/.exec(canonical)?.[0];
  // A well-formed code no language has (`xq`) is refused too: a model could not write it.
  return base !== undefined && languageName(base) !== base ? canonical : null;
}

/** `German` for `de`, `Brazilian Portuguese` for `pt-BR`; the tag itself when the runtime has no name for it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** True for `en` and its regional forms: Hugging Face's AI summaries are written in English. */
export const isEnglish = (tag: string): boolean => tag === 'en' || tag.startsWith('en-');
