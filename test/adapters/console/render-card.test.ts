import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionHint, metaLine, renderCard } from '../../../src/adapters/console/render-card.js';
import { noticeCard, paperDetailCard, searchResultsCard } from '../../../src/core/cards/build-cards.js';
import type { Card, CardAction, Notice, PaperItem } from '../../../src/core/cards/card.js';
import { hfPapers, paperById } from '../../core/cards/paper-fixtures.js';

const ESC = '\u001b';
/** Any C0/C1 control character except line feed. */
const CONTROL = /(?!\n)\p{Cc}/u;
/** The SGR sequences the renderer itself writes. */
const OWN_SGR = new RegExp(`${ESC}\\[\\d+m`, 'g');

const item = (overrides: Partial<PaperItem> = {}): PaperItem => ({
  id: '2606.93392',
  title: 'Helix: Sparse Attention for Genome-Scale DNA Language Models',
  url: 'https://huggingface.co/papers/2606.93392',
  upvotes: 42,
  comments: 3,
  authors: 'Ada Lovelace, Alan Turing et al.',
  date: '2026-06-12',
  code: { url: 'https://github.com/helix-dna/helix', stars: 120 },
  summary: 'Blockwise sparse attention that keeps quality at a million tokens.',
  matchedTerm: '"diffusion transformer"',
  abstract: 'Long contexts are costly.\n\nWe introduce LSA.',
  links: [{ label: 'Hugging Face', url: 'https://huggingface.co/papers/2606.93392' }],
  ...overrides,
});

const card = (overrides: Partial<Card> = {}): Card => ({
  header: 'Papers about "lora"',
  subheader: '12 results · page 1 of 3',
  items: [item(), item({ id: '2606.00002', title: 'Second Paper', matchedTerm: null })],
  notices: [],
  actions: [
    { kind: 'nextPage', label: 'Next', value: 'pb1:1:5:::lora' },
    { kind: 'share', label: 'Share', value: 'pb1:0:5:::lora' },
  ],
  fallback: 'Papers about "lora"',
  ...overrides,
});

describe('renderCard without colour', () => {
  const lines = renderCard(card(), { color: false }).split('\n');

  it('prints header, subheader and numbered papers with meta, summary, matched term and URL', () => {
    expect(lines.slice(0, 9)).toEqual([
      'Papers about "lora"',
      '12 results · page 1 of 3',
      '',
      '1. Helix: Sparse Attention for Genome-Scale DNA Language Models',
      '   ▲ 42 · 💬 3 · 2026-06-12 · Ada Lovelace, Alan Turing et al. · code ★ 120',
      '   Blockwise sparse attention that keeps quality at a million tokens.',
      '   matched: "diffusion transformer"',
      '   https://huggingface.co/papers/2606.93392',
      '',
    ]);
    expect(lines[9]).toBe('2. Second Paper');
    expect(lines).not.toContain('   matched: null');
  });

  it('ends with the actions as hints', () => {
    expect(lines.at(-1)).toBe('[Next: type "next"]  [Share: type "share"]');
  });

  it('contains no escape codes at all', () => {
    expect(renderCard(card(), { color: false })).not.toContain(ESC);
  });

  it('aligns numbers when there are ten or more papers', () => {
    const many = renderCard(card({ items: Array.from({ length: 10 }, () => item()) }), { color: false });
    expect(many.split('\n')).toContain(' 1. Helix: Sparse Attention for Genome-Scale DNA Language Models');
    expect(many.split('\n')).toContain('10. Helix: Sparse Attention for Genome-Scale DNA Language Models');
    expect(many.split('\n')).toContain('    https://huggingface.co/papers/2606.93392');
  });

  it('wraps titles, meta and summaries to the width', () => {
    const long = item({ title: 'Word '.repeat(30).trim(), summary: 'summary '.repeat(30).trim() });
    const output = renderCard(card({ items: [long, long], actions: [] }), { color: false, width: 40 });
    const wrapped = output.split('\n').filter((line) => !line.includes('https://'));
    for (const line of wrapped) expect(Array.from(line).length).toBeLessThanOrEqual(40);
    expect(output.split('\n').slice(8, 11)).toEqual([
      '   ▲ 42 · 💬 3 · 2026-06-12',
      '   Ada Lovelace, Alan Turing et al.',
      '   code ★ 120',
    ]);
    expect(output.split('\n')).toContain('   summary summary summary summary');
  });

  it('treats a width below 20 as 20 and a missing or odd one as 100', () => {
    const long = item({ summary: 'x'.repeat(150) });
    const narrow = renderCard(card({ items: [long, long] }), { color: false, width: 3 });
    expect(narrow.split('\n')).toContain(`   ${'x'.repeat(17)}`);
    const wide = renderCard(card({ items: [long, long] }), { color: false, width: Number.NaN });
    expect(wide.split('\n')).toContain(`   ${'x'.repeat(97)}`);
  });
});

describe('renderCard with colour', () => {
  const output = renderCard(card(), { color: true });
  const lines = output.split('\n');

  it('makes the header bold, the subheader and meta dim and the URL cyan', () => {
    expect(lines[0]).toBe(`${ESC}[1mPapers about "lora"${ESC}[22m`);
    expect(lines[1]).toBe(`${ESC}[2m12 results · page 1 of 3${ESC}[22m`);
    expect(lines[3]).toBe(
      `1. ${ESC}[1mHelix: Sparse Attention for Genome-Scale DNA Language Models${ESC}[22m`,
    );
    expect(lines[4]?.startsWith(`${ESC}[2m   ▲ 42`)).toBe(true);
    expect(lines[7]).toBe(`   ${ESC}[36mhttps://huggingface.co/papers/2606.93392${ESC}[39m`);
  });

  it('prints the same text as without colour', () => {
    expect(output.replace(OWN_SGR, '')).toBe(renderCard(card(), { color: false }));
  });
});

describe('renderCard notices', () => {
  const notices: Notice[] = [
    { tone: 'error', text: 'Unknown timezone "Mars/Base".', example: '/papers schedule 09:30 Europe/Berlin' },
    { tone: 'warning', text: 'Only 3 papers today.' },
    { tone: 'success', text: 'Subscribed to lora.' },
    { tone: 'info', text: 'Commands:\nsearch <words>\ntoday' },
  ];

  it('colours by tone and puts the example on its own line', () => {
    const lines = renderCard(card({ items: [], notices, actions: [] }), { color: true }).split('\n');
    expect(lines.slice(3)).toEqual([
      `${ESC}[31m✖ Unknown timezone "Mars/Base".${ESC}[39m`,
      `  ${ESC}[2mExample:${ESC}[22m ${ESC}[36m/papers schedule 09:30 Europe/Berlin${ESC}[39m`,
      `${ESC}[33m⚠ Only 3 papers today.${ESC}[39m`,
      `${ESC}[32m✔ Subscribed to lora.${ESC}[39m`,
      'ℹ Commands:',
      '  search <words>',
      '  today',
    ]);
  });

  it('renders a built error card in plain text', () => {
    const error = noticeCard(notices[0] as Notice);
    expect(renderCard(error, { color: false })).toBe(
      'That did not work\n\n✖ Unknown timezone "Mars/Base".\n  Example: /papers schedule 09:30 Europe/Berlin',
    );
  });
});

describe('renderCard on a single paper', () => {
  it('shows the summary, the whole abstract and every link', () => {
    const output = renderCard(paperDetailCard(paperById(hfPapers(), '2606.93392')), {
      color: false,
      width: 100,
    });
    const lines = output.split('\n');
    expect(lines[0]).toBe('Helix: Sparse Attention for Genome-Scale DNA Language Models');
    expect(lines[1]).toBe('arXiv 2606.93392 · Quillon Labs');
    expect(lines[3]).toBe('1. Helix: Sparse Attention for Genome-Scale DNA Language Models');
    expect(lines[4]).toBe(
      '   ▲ 103 · 💬 4 · 2026-06-12 · Nikolai Bellweather, Yara Kettering, Jun Sandoval et al. · code ★ 412',
    );
    expect(lines[5]?.startsWith('   Helix lets DNA language models read a million bases')).toBe(true);
    expect(output).toContain(
      '\n\n   DNA language models must read sequences of millions of bases, far beyond what dense attention',
    );
    expect(output).toContain('short windows, at a tenth of their compute.');
    expect(lines.slice(-5)).toEqual([
      '   Hugging Face: https://huggingface.co/papers/2606.93392',
      '   arXiv: https://arxiv.org/abs/2606.93392',
      '   PDF: https://arxiv.org/pdf/2606.93392',
      '   Code: https://github.com/helix-dna/helix',
      '   Project page: https://helix-dna.github.io/',
    ]);
  });

  it('keeps paragraphs of the abstract and does not repeat a first-sentence summary', () => {
    const single = item({ summary: 'Long contexts are costly.', matchedTerm: null, links: [] });
    const lines = renderCard(card({ items: [single], actions: [] }), { color: false }).split('\n');
    expect(lines.slice(4)).toEqual([
      '   ▲ 42 · 💬 3 · 2026-06-12 · Ada Lovelace, Alan Turing et al. · code ★ 120',
      '',
      '   Long contexts are costly.',
      '',
      '   We introduce LSA.',
      '   https://huggingface.co/papers/2606.93392',
    ]);
  });
});

describe('renderCard on untrusted text', () => {
  const evil = card({
    header: `Papers ${ESC}]0;pwned\u0007about x`,
    items: [
      item({ title: `Evil${ESC}[2J title\u0007`, summary: `Sum${ESC}[31mmary\u009b1m`, authors: `A\u0000B` }),
      item(),
    ],
    notices: [{ tone: 'info', text: `ok${ESC}[?1049h` }],
  });

  it('strips escape sequences and control characters without colour', () => {
    const output = renderCard(evil, { color: false });
    expect(output).not.toMatch(CONTROL);
    const lines = output.split('\n');
    expect(lines[0]).toBe('Papers about x');
    expect(lines[3]).toBe('1. Evil title');
    expect(lines[4]).toContain(' · AB · ');
    expect(lines[5]).toBe('   Summary');
    expect(output).toContain('ℹ ok');
  });

  it('keeps only its own styles with colour', () => {
    const output = renderCard(evil, { color: true });
    expect(output).toContain(`1. ${ESC}[1mEvil title${ESC}[22m`);
    expect(output.replace(OWN_SGR, '')).not.toMatch(CONTROL);
  });

  it('never throws and never lets a control character through, whatever the fields hold (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
    const paperItem: fc.Arbitrary<PaperItem> = fc.record({
      id: text,
      title: text,
      url: text,
      upvotes: nullable(fc.integer()),
      comments: nullable(fc.integer()),
      authors: text,
      date: nullable(text),
      code: nullable(fc.record({ url: text, stars: nullable(fc.integer()) })),
      summary: text,
      matchedTerm: nullable(text),
      abstract: fc.string({ unit: 'binary', maxLength: 300 }),
      links: fc.array(fc.record({ label: text, url: text }), { maxLength: 3 }),
    });
    const notice: fc.Arbitrary<Notice> = fc.record(
      { tone: fc.constantFrom('info', 'success', 'warning', 'error'), text, example: text },
      { requiredKeys: ['tone', 'text'] },
    );
    const action: fc.Arbitrary<CardAction> = fc.record({
      kind: fc.constantFrom('nextPage', 'share'),
      label: text,
      value: text,
    });
    const anyCard: fc.Arbitrary<Card> = fc.record(
      {
        header: text,
        subheader: text,
        items: fc.array(paperItem, { maxLength: 12 }),
        notices: fc.array(notice, { maxLength: 3 }),
        footer: text,
        actions: fc.array(action, { maxLength: 2 }),
        fallback: text,
      },
      { requiredKeys: ['header', 'items', 'notices', 'actions', 'fallback'] },
    );
    fc.assert(
      fc.property(anyCard, fc.boolean(), fc.integer({ min: -10, max: 200 }), (value, color, width) => {
        const output = renderCard(value, { color, width });
        expect(output.replace(OWN_SGR, '')).not.toMatch(CONTROL);
        if (!color) expect(output).not.toContain(ESC);
      }),
      { numRuns: 300 },
    );
  });
});

describe('metaLine and actionHint', () => {
  it('leaves out what an item does not have', () => {
    expect(metaLine(item({ upvotes: null, comments: 0, date: null, authors: '', code: null }))).toBe('');
    expect(
      metaLine(item({ upvotes: 0, comments: null, code: { url: 'https://x.example', stars: null } })),
    ).toBe('▲ 0 · 2026-06-12 · Ada Lovelace, Alan Turing et al. · code');
  });

  it('names what to type for each action', () => {
    expect(actionHint({ kind: 'nextPage', label: 'Next', value: 'x' })).toBe('[Next: type "next"]');
    expect(actionHint({ kind: 'share', label: '', value: 'x' })).toBe('[share: type "share"]');
  });
});

describe('renderCard on a built search card', () => {
  it('renders real fixture papers without colour', () => {
    const papers = hfPapers().slice(0, 3);
    const built = searchResultsCard(
      {
        query: 'agents',
        total: 12,
        totalCapped: false,
        fuzzy: false,
        hits: papers.map((paper) => ({ paper, score: 1 })),
      },
      { query: 'agents', page: 0, pageSize: 3 },
    );
    const lines = renderCard(built, { color: false, width: 80 }).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Papers about "agents"',
      '12 results · page 1 of 4',
      '',
      '1. Rooftop Listening: Self-Supervised Denoising for Urban Bird-Call Recordings',
      '   ▲ 0 · 💬 2 · 2026-06-12 · Odile Marchetti, Rune Kvalheim, T. Anselm Ocampo',
      '   A denoiser trained to predict one rooftop microphone from its neighbours',
      '   cleans urban bird recordings well enough to double the species a detector',
    ]);
    expect(lines).toContain(
      '2. Shelf-Ready? Benchmarks for Warehouse Picking Agents Under Clutter, Glare and',
    );
    expect(lines).toContain('   Half-Empty Bins');
    expect(lines.at(-1)).toBe('[Next: type "next"]  [Share: type "share"]');
  });
});
