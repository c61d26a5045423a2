import { decodeEntities } from './html-entities.js';

/** One piece of an HTML string; text is left as written (entities and all). */
export type Token =
  | { kind: 'open'; name: string; attrs: Map<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

/** Their content is not markup; we drop them whole, up to their closing tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);
const rawEnds = new Map<string, RegExp>();
const rawEnd = (name: string): RegExp => {
  let end = rawEnds.get(name);
  if (!end) {
    end = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
    rawEnds.set(name, end);
  }
  return end;
};

const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;

/**
 * The tags and text of an HTML string, in order, in one forward pass: every step moves on, so broken input ends
 * too. Names are lower case, attribute values decoded. Comments, doctype and processing instructions are
 * skipped; CDATA is text; raw-text elements (`<script>`, `<style>`, `<title>`, ...) are dropped whole, up to
 * their closing tag or the end; a tag cut off by the end of the input is dropped, as browsers do.
 *
 * @example
 * [...htmlTokens('<p class="x">a &amp; b</p>')];
 * // [{ kind: 'open', name: 'p', attrs: Map { 'class' => 'x' }, selfClosing: false }, { kind: 'text', text: 'a &amp; b' }, { kind: 'close', name: 'p' }]
 */
export function* htmlTokens(html: string): Generator<Token> {
  const length = html.length;
  let pos = 0;
  while (pos < length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      yield { kind: 'text', text: html.slice(pos) };
      return;
    }
    if (lt > pos) yield { kind: 'text', text: html.slice(pos, lt) };
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      if (html.startsWith('<!-->', lt) || html.startsWith('<!--->', lt)) pos = html.indexOf('>', lt + 4) + 1;
      else pos = after(html, '-->', lt + 4);
    } else if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt + 9);
      yield { kind: 'text', text: html.slice(lt + 9, end === -1 ? length : end) };
      pos = end === -1 ? length : end + 3;
    } else if (next === 33 /* ! */ || next === 63 /* ? */) {
      pos = after(html, '>', lt + 2);
    } else if (next === 47 /* / */) {
      if (!isLetter(html.charCodeAt(lt + 2))) {
        pos = after(html, '>', lt + 2);
        continue;
      }
      const nameEnd = endOfName(html, lt + 2);
      yield { kind: 'close', name: html.slice(lt + 2, nameEnd).toLowerCase() };
      pos = after(html, '>', nameEnd);
    } else if (isLetter(next)) {
      const tag = openTag(html, lt);
      if (tag.token === null) return; // the input ended inside the tag: browsers drop such a tag
      pos = tag.end;
      const { name, selfClosing } = tag.token;
      if (RAW_TEXT.has(name) && !selfClosing) {
        const end = rawEnd(name);
        end.lastIndex = pos;
        pos = end.exec(html) === null ? length : after(html, '>', end.lastIndex);
      } else yield tag.token;
    } else {
      yield { kind: 'text', text: '<' };
      pos = lt + 1;
    }
  }
}

/** The index just after the next `marker` from `from`, or the end of the input. */
const after = (html: string, marker: string, from: number): number => {
  const at = html.indexOf(marker, from);
  return at === -1 ? html.length : at + marker.length;
};

const endOfName = (html: string, from: number): number => {
  let i = from;
  while (i < html.length) {
    const code = html.charCodeAt(i);
    if (isSpace(code) || code === 47 || code === 62) break;
    i++;
  }
  return i;
};

/** Reads `<name attr="value" ...>` from `lt`; `token` is null when the input ends first. */
const openTag = (
  html: string,
  lt: number,
): { token: Extract<Token, { kind: 'open' }> | null; end: number } => {
  const nameEnd = endOfName(html, lt + 1);
  const name = html.slice(lt + 1, nameEnd).toLowerCase();
  const attrs = new Map<string, string>();
  const length = html.length;
  let i = nameEnd;
  while (i < length) {
    const code = html.charCodeAt(i);
    if (isSpace(code)) {
      i++;
    } else if (code === 62 /* > */) {
      return { token: { kind: 'open', name, attrs, selfClosing: false }, end: i + 1 };
    } else if (code === 47 /* / */) {
      if (html.charCodeAt(i + 1) === 62)
        return { token: { kind: 'open', name, attrs, selfClosing: true }, end: i + 2 };
      i++;
    } else {
      const start = i++; // at least one character, so an odd `=` still moves us on
      while (i < length && !/[\s/>=]/.test(html.charAt(i))) i++;
      const key = html.slice(start, i).toLowerCase();
      while (i < length && isSpace(html.charCodeAt(i))) i++;
      let value = '';
      if (html.charAt(i) === '=') {
        i++;
        while (i < length && isSpace(html.charCodeAt(i))) i++;
        const quote = html.charAt(i);
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, i + 1);
          if (close === -1) return { token: null, end: length };
          value = html.slice(i + 1, close);
          i = close + 1;
        } else {
          const start = i;
          while (i < length && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== 62) i++;
          value = html.slice(start, i);
        }
      }
      if (!attrs.has(key)) attrs.set(key, decodeEntities(value));
    }
  }
  return { token: null, end: length };
};
