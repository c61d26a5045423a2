import { sentences, truncateAtWord } from '../cards/text.js';
import { rememberResults } from '../remembered-results.js';

/** `we propose`, `we also introduce`, `in this paper`: the sentence says what the paper does. */
const CONTRIBUTION = [
  /\bwe\s+(?:\p{L}+ly\s+|also\s+|first\s+|further\s+|here\s+|then\s+)?(?:propose|introduce|present|develop|design|describe|study|investigate|release)\b/iu,
  /\b(?:in\s+)?this\s+(?:paper|work|study|article)\b/i,
  /\bour\s+(?:method|approach|model|framework|system|algorithm)\b/i,
];
/** `we show`, `experiments demonstrate`: the sentence says what the paper finds. */
const FINDING = [
  /\bwe\s+(?:\p{L}+ly\s+|also\s+|further\s+|then\s+)?(?:show|find|demonstrate|observe|prove|report|reveal)\b/iu,
  /\b(?:results|experiments|evaluations?)\s+(?:show|demonstrate|reveal|indicate)\b/i,
];
/** Each kind found adds one point: a number, a percentage or factor, a comparison with others. */
const RESULT = [
  /(?<![\p{L}\d_-])\d+(?:[.,]\d+)?(?![\p{L}\d_-])/u,
  /\d\s?(?:%|×|x\b|-fold\b|points?\b)/,
  /\boutperform/i,
  /\bstate[- ]of[- ]the[- ]art\b|\bSOTA\b/,
  /\b(?:improv|surpass)/i,
];
/** Openers of the field's background rather than of the paper's contribution. */
const BACKGROUND_OPENER =
  /^(?:recent(?:ly)?\b|in\s+recent\s+years\b|over\s+the\s+(?:past|last)\b|nowadays\b|traditionally\b|with\s+the\s+(?:rapid|rise|advent|growth|success)\b)/i;
const BACKGROUND = /\b(?:has|have)\s+(?:shown|been\s+widely|attracted|emerged|gained)\b|\bremains?\b/i;
const HOWEVER_OPENER = /^however\b/i;

const MIN_WORDS = 8;
const MAX_WORDS = 60;

/**
 * How well one sentence of an abstract says what the paper does or finds; higher is better, 0 is neutral.
 * +3 for a contribution phrase (`we propose`, `in this work`, `our method`), +2 for a finding (`we show`,
 * `results demonstrate`), +1 for each kind of result cue (a number, a percentage, `outperforms`,
 * `state-of-the-art`, `improves`); -2 for a background opener (`Recent ...`, `... have shown ...`, `remains`),
 * -1 for an opening `However,` that brings no contribution, -2 for fewer than 8 or more than 60 words, -4 when
 * it is mostly LaTeX or maths.
 *
 * @example
 * scoreSentence('We propose a sparse adapter that outperforms LoRA by 4.1%.'); // 6
 * scoreSentence('Large language models have shown remarkable abilities across many tasks.'); // -2
 */
export const scoreSentence = (sentence: string): number => {
  const words = sentence.split(/\s+/).filter((word) => word !== '').length;
  const contributes = CONTRIBUTION.some((cue) => cue.test(sentence));
  const finds = FINDING.some((cue) => cue.test(sentence));
  let score = (contributes ? 3 : 0) + (finds ? 2 : 0);
  // A number inside maths (`x^2`) is not a result.
  const prose = withoutMaths(sentence);
  score += RESULT.filter((cue) => cue.test(prose)).length;
  if (BACKGROUND_OPENER.test(sentence) || BACKGROUND.test(sentence)) score -= 2;
  if (HOWEVER_OPENER.test(sentence) && !contributes && !finds) score -= 1;
  if (words < MIN_WORDS || words > MAX_WORDS) score -= 2;
  if (isMostlyMaths(sentence)) score -= 4;
  return score;
};

/**
 * A one-sentence TL;DR taken from the abstract: the sentence with the best `scoreSentence` (the earlier one on a
 * tie), shortened with `truncateAtWord` to `maxChars`. When no sentence scores above 0 it falls back to the first
 * sentence that is not mostly maths (else the first). Deterministic; `''` for a blank abstract.
 *
 * @example
 * extractiveTldr('Large language models have shown remarkable abilities. We propose Tiny-LoRA, an adapter that trains 3x faster.');
 * // 'We propose Tiny-LoRA, an adapter that trains 3x faster.'
 */
export const extractiveTldr = (abstract: string, maxChars = 200): string =>
  rememberedTldr(`${maxChars}|${abstract}`);

/** Every digest of a fan-out shows the same few papers: each one's sentences are scored once, not per card. */
const rememberedTldr = rememberResults((key) => {
  const split = key.indexOf('|');
  return chooseTldr(key.slice(split + 1), Number(key.slice(0, split)));
}, 1000);

const chooseTldr = (abstract: string, maxChars: number): string => {
  const all = sentences(abstract);
  let best: string | undefined;
  let bestScore = 0;
  for (const sentence of all) {
    const score = scoreSentence(sentence);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  const chosen = best ?? all.find((sentence) => !isMostlyMaths(sentence)) ?? all[0] ?? '';
  return truncateAtWord(chosen, maxChars);
};

/** Inline maths: `$...$`, `\(...\)`, `\[...\]`. */
const MATH_SPAN = /\$[^$]*\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g;
const TEX_COMMAND = /\\[a-zA-Z]+/g;

const withoutMaths = (sentence: string): string => sentence.replace(MATH_SPAN, ' ').replace(TEX_COMMAND, ' ');

/** True when letters of prose, outside maths and TeX commands, are less than half of what is not space. */
const isMostlyMaths = (sentence: string): boolean => {
  const visible = sentence.replace(/\s+/g, '').length;
  if (visible === 0) return false;
  const letters = withoutMaths(sentence).match(/\p{L}/gu)?.length ?? 0;
  return letters < visible / 2;
};
