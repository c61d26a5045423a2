import { decodeEntities } from './html-entities.js';
import { htmlTokens, type Token } from './html-tokens.js';

/**
 * The readable text of a page: only its `<article>` when it has one, else everything outside `<head>`. Headings
 * and paragraphs become blocks separated by a blank line, whitespace inside a block collapses to one space.
 * Maths becomes its `alttext` (else its TeX annotation, else nothing); a figure caption becomes
 * `Figure: caption` (`Table: ` for a table's), or stays as it is when it names itself (`Figure 2: ...`).
 * Dropped: scripts, styles, `<nav>`, `<header>`, `<footer>`, tables but their captions, the bibliography.
 * Entities are decoded. No `<` in the output comes right before a letter, `/`, `!` or `?` (one space is put
 * between), so nothing in it reads as a tag: `&lt;script&gt;` comes out as `< script>`, and `x<y` as `x< y`.
 * Made for arXiv's HTML papers (LaTeXML output), on a forgiving scanner rather than a full HTML parser: any
 * string, however broken, is read in one pass, and nesting deeper than 256 elements is read flat.
 *
 * @example
 * htmlToText('<h2>1 Intro</h2><p>We use <math alttext="x^2"><mi>x</mi></math>&nbsp;&amp; more.</p>');
 * // '1 Intro\n\nWe use x^2 & more.'
 */
export const htmlToText = (html: string): string => {
  const walker = createWalker();
  for (const token of htmlTokens(html)) walker.take(token);
  return walker.finish();
};

/** Why an element's text is not shown: inside a table (whose caption still is), or dropped outright. */
type Hidden = 'table' | 'dropped';

interface Open {
  name: string;
  hidden: Hidden | null;
  /** Inside an element whose nested blocks do not split it (a heading, a caption). */
  held: boolean;
  inArticle: boolean;
  /** Inside a LaTeXML table float, whose caption is a table's. */
  inTableFigure: boolean;
  /** The TeX collected for the formula this element is part of. */
  tex?: string[];
  /** Where text goes instead of the paragraph: the formula's TeX, inside its annotation. */
  sink?: string[];
  /** `Figure` or `Table` for a shown caption. */
  label?: string;
  onClose?: () => void;
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
const HOLD = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'caption']);
const CELL = new Set(['td', 'th']);
const DROPPED = new Set(['head', 'nav', 'header', 'footer', 'svg', 'button', 'select', 'template', 'object']);
/** LaTeXML's bibliography, and its marks for macros it could not expand. */
const DROPPED_CLASSES = ['ltx_bibliography', 'ltx_ERROR'];
/** Deeper elements are read as if they were empty tags, which keeps garbage input linear. */
const MAX_DEPTH = 256;

const createWalker = () => {
  const stack: Open[] = [];
  const blocks: { text: string; inArticle: boolean }[] = [];
  let buffer: string[] = [];
  let bufferInArticle = false;
  let sawArticle = false;

  const top = (): Open | undefined => stack[stack.length - 1];
  const append = (text: string) => {
    buffer.push(text);
    bufferInArticle ||= top()?.inArticle ?? false;
  };
  const flush = (label?: string) => {
    const text = buffer
      .join('')
      .replace(/\s+/g, ' ')
      .trim()
      // Text pieces left side by side once markup is gone, or an escaped `&lt;b&gt;`, must not read as a tag.
      .replace(/<(?=[a-zA-Z/!?])/g, '< ');
    if (text !== '') blocks.push({ text: label ? labelled(label, text) : text, inArticle: bufferInArticle });
    buffer = [];
    bufferInArticle = false;
  };
  /** The edge of a block: a new paragraph, or one space when a heading or caption holds it together. */
  const boundary = (label?: string) => (top()?.held ? buffer.push(' ') : flush(label));

  const popThrough = (index: number) => {
    while (stack.length > index) {
      const entry = stack.pop()!;
      entry.onClose?.();
      if (BLOCK.has(entry.name)) boundary(entry.label);
      else if (CELL.has(entry.name)) buffer.push(' ');
    }
  };

  const open = (name: string, attrs: Map<string, string>, selfClosing: boolean) => {
    if (name === 'body') {
      const head = stack.findIndex((entry) => entry.name === 'head');
      if (head !== -1) popThrough(head);
    }
    if (BLOCK.has(name) && top()?.name === 'p') popThrough(stack.length - 1);
    if (BLOCK.has(name)) boundary();
    else if (name === 'br' || CELL.has(name)) buffer.push(' ');
    if (VOID.has(name) || selfClosing || stack.length >= MAX_DEPTH) return;

    const parent = top();
    const cls = (attrs.get('class') ?? '').split(/\s+/);
    const entry: Open = {
      name,
      hidden: parent?.hidden ?? null,
      held: (parent?.held ?? false) || HOLD.has(name),
      inArticle: (parent?.inArticle ?? false) || name === 'article',
      inTableFigure: (parent?.inTableFigure ?? false) || (name === 'figure' && cls.includes('ltx_table')),
      tex: parent?.tex,
      sink: parent?.sink,
    };
    if (DROPPED.has(name) || cls.some((c) => DROPPED_CLASSES.includes(c))) entry.hidden = 'dropped';
    else if (isTable(name, cls)) entry.hidden ??= 'table';
    else if (HOLD.has(name) && name.endsWith('caption') && entry.hidden !== 'dropped') {
      entry.hidden = null;
      entry.label = name === 'caption' || entry.inTableFigure ? 'Table' : 'Figure';
    }
    if (name === 'article' && entry.hidden === null) sawArticle = true;
    if (name === 'math') openMath(entry, attrs.get('alttext'));
    else if (name === 'annotation' && attrs.get('encoding') === 'application/x-tex') entry.sink = entry.tex;
    stack.push(entry);
  };

  /** A formula shows its alttext, else the TeX of its annotation; nothing else of it. */
  const openMath = (entry: Open, alttext: string | undefined) => {
    const shown = entry.hidden === null;
    const tex: string[] = [];
    entry.hidden = 'dropped';
    entry.tex = tex;
    entry.sink = undefined;
    entry.onClose = () => {
      const text = alttext?.trim() || tex.join('').trim();
      if (shown && text) append(text);
    };
  };

  return {
    take(token: Token) {
      if (token.kind === 'open') open(token.name, token.attrs, token.selfClosing);
      else if (token.kind === 'close') {
        const index = stack.findLastIndex((entry) => entry.name === token.name);
        if (index !== -1) popThrough(index);
      } else {
        const current = top();
        if (current?.sink) current.sink.push(decodeEntities(token.text));
        else if (!current || current.hidden === null) append(decodeEntities(token.text));
      }
    },
    finish(): string {
      popThrough(0);
      flush();
      const chosen = sawArticle ? blocks.filter((block) => block.inArticle) : blocks;
      return chosen.map((block) => block.text).join('\n\n');
    },
  };
};

/** A table of data, not LaTeXML's table that lays out a numbered equation. */
const isTable = (name: string, cls: readonly string[]): boolean =>
  (name === 'table' && !cls.some((c) => c.startsWith('ltx_eqn') || c.startsWith('ltx_equation'))) ||
  cls.includes('ltx_tabular');

/** `Figure: caption`, unless the caption already names itself (`Figure 2: ...`, `Table 1. ...`). */
const labelled = (label: string, caption: string): string =>
  /^(?:figure|fig\.|table|tab\.)\s*[\w.-]*\s*[:.]/i.test(caption) ? caption : `${label}: ${caption}`;
