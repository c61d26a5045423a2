import { stripControlChars } from '../cards/sanitize.js';
import { truncateAtWord } from '../cards/text.js';

/** What a removed link leaves in the text. */
export const LINK_REMOVED = '[link removed]';

const MARKDOWN_LINK = /\[([^\]\n]{0,300})\]\(\s*<?([^)\s>]{1,2000})>?(?:\s+"[^"\n]*")?\s*\)/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()[\]{}"'`]+/gi;
/**
 * `evil.example.com/path`: a domain without a scheme, which Slack and Discord still turn into a link. Only the
 * common top-level domains, so `model.safetensors` or `Fig.3` stay text.
 */
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|io|ai|co|dev|app|xyz|info|me|ly|gg|sh|us|uk|de|fr|cn|ru|tk|ml|ga|cf|gq|top|site|online|link|click|biz|tv|cc|to)(?![\p{L}\p{N}-])(?:\/[^\s<>()[\]{}"'`]*)?/giu;
/** Slack's special mentions and links (`<!channel>`, `<@U1>`, `<#C1|x>`, `<https://x|y>`) and Discord's (`<@1>`, `<@&1>`, `<#1>`). */
const ANGLE_TOKEN = /<([!@#][^<>\n]{0,200}|(?:https?|mailto):[^<>\n]{0,2000})>/gi;
const MASS_MENTION = /@(everyone|here|channel)\b/gi;

/**
 * A language model's text made safe to show as plain text: control characters and terminal escapes removed,
 * platform mention and link syntax defused (`<!channel>`, `<@U1>`, `@everyone` cannot ping anyone), and every
 * link removed but the ones in `allowedUrls` (the paper's own pages). Markdown links keep their words. The
 * renderers still escape the result for mrkdwn or markdown; this only decides what the text may say.
 *
 * @example
 * plainModelText('See https://evil.example and tell @everyone', { allowedUrls: [] });
 * // 'See [link removed] and tell @\u200beveryone'
 */
export function plainModelText(
  text: string,
  options: { allowedUrls: readonly string[]; multiline?: boolean; maxChars?: number },
): string {
  const allowed = (url: string) => {
    const bare = url.replace(/[.,;:!?]+$/, '');
    return options.allowedUrls.some((permitted) => bare === permitted || bare.startsWith(`${permitted}#`));
  };
  const cleaned = stripControlChars(text, { multiline: options.multiline ?? false })
    .replace(ANGLE_TOKEN, (_whole, inner: string) => {
      if (/^(?:https?|mailto):/i.test(inner)) {
        const [url = '', label] = inner.split('|');
        return allowed(url) ? url : (label ?? LINK_REMOVED);
      }
      const [target = '', label] = inner.split('|');
      return label ?? target.replace(/^[!@#&]+/, '');
    })
    .replace(MARKDOWN_LINK, (_whole, words: string, url: string) =>
      allowed(url) ? `${words} (${url})` : words,
    )
    .replace(BARE_URL, (url) => (allowed(url) ? url : LINK_REMOVED))
    .replace(BARE_DOMAIN, (url) => (allowed(`https://${url}`) ? url : LINK_REMOVED))
    .replace(MASS_MENTION, (_whole, word: string) => `@\u200b${word}`);
  return options.maxChars === undefined ? cleaned.trim() : truncateAtWord(cleaned.trim(), options.maxChars);
}
