import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractiveTldr, scoreSentence } from '../../../src/core/tldr/extractive-tldr.js';

// Invented abstracts, written for these tests.
const BACKGROUND_FIRST =
  'Large language models have shown remarkable abilities across many reasoning benchmarks. ' +
  'However, fine-tuning them remains expensive for most laboratories. ' +
  'We propose Pocket-LoRA, an adapter that shares one low-rank basis across all layers of the model. ' +
  'It needs a single consumer GPU.';

describe('extractiveTldr', () => {
  it('picks the "we propose" sentence over a background first sentence', () => {
    expect(extractiveTldr(BACKGROUND_FIRST)).toBe(
      'We propose Pocket-LoRA, an adapter that shares one low-rank basis across all layers of the model.',
    );
  });

  it('prefers a contribution with results to a bare finding', () => {
    const abstract =
      'Recent work has studied sparse attention for long documents in detail. ' +
      'We find that most heads attend locally in the models we examined. ' +
      'In this work we introduce Stride, a sparse attention kernel that outperforms FlashAttention by 12% on 64k-token inputs.';
    expect(extractiveTldr(abstract, 300)).toBe(
      'In this work we introduce Stride, a sparse attention kernel that outperforms FlashAttention by 12% on 64k-token inputs.',
    );
  });

  it('gives ties to the earlier sentence', () => {
    const abstract =
      'We present a benchmark of household chores for mobile robots with arms. ' +
      'We present a second benchmark of garden chores for the same robots.';
    expect(extractiveTldr(abstract)).toBe(
      'We present a benchmark of household chores for mobile robots with arms.',
    );
  });

  it('falls back to the first sentence when nothing stands out', () => {
    const abstract =
      'Protein folding is a central problem of structural biology and medicine. ' +
      'Many groups work on faster simulations of small proteins.';
    expect(extractiveTldr(abstract)).toBe(
      'Protein folding is a central problem of structural biology and medicine.',
    );
  });

  it('is deterministic', () => {
    const runs = new Set(Array.from({ length: 5 }, () => extractiveTldr(BACKGROUND_FIRST, 120)));
    expect(runs.size).toBe(1);
  });

  it('cuts the chosen sentence at a word to maxChars', () => {
    const tldr = extractiveTldr(BACKGROUND_FIRST, 40);
    expect(tldr).toBe('We propose Pocket-LoRA, an adapter that…');
    expect(tldr.length).toBeLessThanOrEqual(40);
  });

  it('does not split at e.g. or et al.', () => {
    const abstract =
      'Retrieval helps language models answer questions about rare entities. ' +
      'Building on Okafor et al. we propose a retriever for tabular sources, e.g. spreadsheets and CSV exports.';
    expect(extractiveTldr(abstract)).toBe(
      'Building on Okafor et al. we propose a retriever for tabular sources, e.g. spreadsheets and CSV exports.',
    );
  });

  it('returns a single-sentence abstract whole, on one line', () => {
    expect(extractiveTldr('  A short note on\n  gradient clipping for spiking networks  ')).toBe(
      'A short note on gradient clipping for spiking networks',
    );
  });

  it('returns "" for an empty or blank abstract', () => {
    expect(extractiveTldr('')).toBe('');
    expect(extractiveTldr(' \n\t ')).toBe('');
  });

  it('returns an abstract that is just LaTeX as it is, cut to maxChars', () => {
    const latex = '$\\mathcal{L}(\\theta) = \\sum_{i=1}^{N} \\lVert f_\\theta(x_i) - y_i \\rVert^2$';
    expect(extractiveTldr(latex)).toBe(latex);
    expect(extractiveTldr(latex, 20).length).toBeLessThanOrEqual(20);
  });

  it('skips a sentence that is mostly maths when falling back', () => {
    const abstract =
      '$\\nabla_\\theta \\mathcal{J} = \\mathbb{E}[\\nabla \\log \\pi_\\theta(a|s) A(s,a)]$. ' +
      'Policy gradients are a family of methods for reinforcement learning.';
    expect(extractiveTldr(abstract)).toBe(
      'Policy gradients are a family of methods for reinforcement learning.',
    );
  });

  it('never exceeds maxChars and always returns one of the sentences, cut (property)', () => {
    const words = fc.constantFrom(
      'We',
      'propose',
      'models',
      'have',
      'shown',
      '3.5%',
      'et al.',
      'e.g.',
      '.',
      '$x^2$',
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 80 }), fc.integer({ min: 1, max: 250 }), (parts, max) => {
        const tldr = extractiveTldr(parts.join(' '), max);
        expect(tldr.length).toBeLessThanOrEqual(max);
        expect(extractiveTldr(parts.join(' '), max)).toBe(tldr);
      }),
    );
  });
});

describe('scoreSentence', () => {
  it('rewards contribution phrases and result cues', () => {
    expect(scoreSentence('We propose a sparse adapter that outperforms LoRA by 4.1%.')).toBe(6);
    expect(scoreSentence('Experiments show that our method improves recall on all eleven datasets.')).toBe(6);
  });

  it('is neutral for a plain sentence of moderate length', () => {
    expect(scoreSentence('Protein folding is a central problem of structural biology and medicine.')).toBe(0);
  });

  it('penalises background, "However," without a contribution, short and long sentences, and maths', () => {
    expect(scoreSentence('Large language models have shown remarkable abilities across many tasks.')).toBe(
      -2,
    );
    expect(scoreSentence('However, training such systems is slow on commodity hardware today.')).toBe(-1);
    expect(
      scoreSentence('However, we show that training such systems can be fast on commodity hardware.'),
    ).toBe(2);
    expect(scoreSentence('It needs one GPU.')).toBe(-2);
    expect(scoreSentence(`${'word '.repeat(61).trim()}.`)).toBe(-2);
    expect(scoreSentence('$\\alpha = \\beta^2 + \\gamma_{ij}$ holds.')).toBe(-6);
  });
});
