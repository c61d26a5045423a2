import { describe, expect, it } from 'vitest';
import { LINK_REMOVED, plainModelText } from '../../../src/core/tldr/model-text.js';

const paper = ['https://arxiv.org/abs/2606.00467', 'https://huggingface.co/papers/2606.00467'];

describe('plainModelText', () => {
  it.each([
    ['See https://evil.example/x now', `See ${LINK_REMOVED} now`],
    ['visit evil.com/login now', `visit ${LINK_REMOVED} now`],
    ['or www.evil.org', `or ${LINK_REMOVED}`],
    ['click [here](https://evil.example)', 'click here'],
    ['<https://evil.example|the paper>', 'the paper'],
    ['<!channel> and <!here|here> and <@U123> and <#C1|general>', 'channel and here and U123 and general'],
    ['tell @everyone and @here', 'tell @\u200beveryone and @\u200bhere'],
  ])('defuses %j', (text, shown) => {
    expect(plainModelText(text, { allowedUrls: paper })).toBe(shown);
  });

  it("keeps the paper's own links, and words that only look like domains", () => {
    expect(plainModelText('Read https://arxiv.org/abs/2606.00467.', { allowedUrls: paper })).toBe(
      'Read https://arxiv.org/abs/2606.00467.',
    );
    expect(plainModelText('[abs](https://huggingface.co/papers/2606.00467)', { allowedUrls: paper })).toBe(
      'abs (https://huggingface.co/papers/2606.00467)',
    );
    expect(
      plainModelText('weights in model.safetensors, see Fig.3, e.g. 3.5 bits', { allowedUrls: [] }),
    ).toBe('weights in model.safetensors, see Fig.3, e.g. 3.5 bits');
  });

  it('removes control characters and cuts at a word boundary', () => {
    expect(
      plainModelText('Evil\u001b[2J title\u0007 that runs on and on', { allowedUrls: [], maxChars: 16 }),
    ).toBe('Evil title that…');
  });
});
