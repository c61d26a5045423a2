/** Named entities common in papers and on arXiv's pages; the others are left as written. */
const NAMED_ENTITIES = new Map(
  Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
    ensp: '\u2002',
    emsp: '\u2003',
    thinsp: '\u2009',
    shy: '',
    zwsp: '',
    ndash: '–',
    mdash: '—',
    hellip: '…',
    lsquo: '‘',
    rsquo: '’',
    ldquo: '“',
    rdquo: '”',
    laquo: '«',
    raquo: '»',
    middot: '·',
    bull: '•',
    dagger: '†',
    Dagger: '‡',
    copy: '©',
    reg: '®',
    trade: '™',
    deg: '°',
    plusmn: '±',
    times: '×',
    divide: '÷',
    minus: '−',
    le: '≤',
    ge: '≥',
    ne: '≠',
    asymp: '≈',
    infin: '∞',
    sect: '§',
    para: '¶',
    euro: '€',
    pound: '£',
    micro: 'µ',
    alpha: 'α',
    beta: 'β',
    gamma: 'γ',
    delta: 'δ',
    epsilon: 'ε',
    theta: 'θ',
    lambda: 'λ',
    mu: 'μ',
    pi: 'π',
    sigma: 'σ',
    tau: 'τ',
    phi: 'φ',
    omega: 'ω',
    aacute: 'á',
    eacute: 'é',
    egrave: 'è',
    iacute: 'í',
    oacute: 'ó',
    uacute: 'ú',
    ntilde: 'ñ',
    ccedil: 'ç',
    auml: 'ä',
    ouml: 'ö',
    uuml: 'ü',
    Auml: 'Ä',
    Ouml: 'Ö',
    Uuml: 'Ü',
    szlig: 'ß',
  }),
);
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,8})|#(\d{1,10})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

/**
 * Decodes the common named entities and every numeric one (a code point that cannot be a character becomes
 * U+FFFD); an unknown name, or one without its `;`, stays as written.
 *
 * @example
 * decodeEntities('caf&eacute; &amp; &#x1F600; &foo;'); // 'café & 😀 &foo;'
 */
export const decodeEntities = (text: string): string =>
  text.indexOf('&') === -1
    ? text
    : text.replace(
        ENTITY,
        (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
          if (name !== undefined) return NAMED_ENTITIES.get(name) ?? whole;
          const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
          const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
          return invalid ? '\ufffd' : String.fromCodePoint(code);
        },
      );
