import { describe, expect, it } from 'vitest';
import { becauseLine } from '../../../src/core/relevance/because-line.js';
import {
  countVotes,
  describeLearning,
  LEARN_AFTER_VOTES,
  learningState,
  signalWeight,
} from '../../../src/core/relevance/channel-profile.js';
import { document } from './relevance-fixtures.js';

const at = new Date('2026-06-13T12:00:00Z');
const signal = (relevant: number, notRelevant: number, saved: number) => ({
  paperId: '2606.93392',
  relevant,
  notRelevant,
  saved,
  at,
});

describe('the channel profile', () => {
  it('counts every 👍, 👎 and save of every person as a vote', () => {
    expect(countVotes([signal(2, 1, 3), signal(0, 1, 0)])).toBe(7);
    expect(countVotes([])).toBe(0);
  });

  it('weighs a save more than a 👍 and a 👎 against', () => {
    expect(signalWeight(signal(1, 0, 0))).toBe(1);
    expect(signalWeight(signal(0, 0, 1))).toBe(1.5);
    expect(signalWeight(signal(0, 2, 0))).toBe(-2);
    expect(signalWeight(signal(1, 1, 1))).toBe(1.5);
  });

  it(`learns from ${LEARN_AFTER_VOTES} votes on, unless learning is off`, () => {
    expect(learningState({ learn: true }, 4)).toEqual({ kind: 'waiting', votes: 4 });
    expect(learningState({ learn: true }, 5)).toEqual({ kind: 'on', votes: 5 });
    expect(learningState({ learn: false }, 50)).toEqual({ kind: 'off' });
  });

  it('says in settings whether it learns and from how many votes', () => {
    expect(describeLearning({ kind: 'on', votes: 12 })).toBe('on, from 12 votes');
    expect(describeLearning({ kind: 'waiting', votes: 2 })).toBe(
      'on, ranks as usual until 5 votes (2 so far)',
    );
    expect(describeLearning({ kind: 'off' })).toBe('off  (/papers config learn:on)');
  });
});

describe('becauseLine', () => {
  const liked = { ...document('2606.95961', ['lora'], []), title: 'LoRA-FAIR' };

  it('names the liked paper and how many saved it, or found it relevant', () => {
    expect(becauseLine({ document: liked, saved: 3, relevant: 1 })).toBe(
      'like "LoRA-FAIR", which 3 of you saved',
    );
    expect(becauseLine({ document: liked, saved: 0, relevant: 2 })).toBe(
      'like "LoRA-FAIR", which 2 of you found relevant',
    );
    expect(becauseLine({ document: liked, saved: 1, relevant: 0 })).toBe(
      'like "LoRA-FAIR", which one of you saved',
    );
  });

  it('keeps an untrusted title plain, on one line and short', () => {
    const title = `<@U123> *bold*\n${'x'.repeat(100)}`;
    const line = becauseLine({ document: { ...liked, title }, saved: 0, relevant: 1 });
    expect(line).toBe(`like "<@U123> *bold* ${'x'.repeat(64)}…", which one of you found relevant`);
  });
});
