import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../src/core/digest/digest-card.js';
import type { Recap } from '../../../src/core/recap/build-recap.js';
import { EMPTY_RECAP_TEXT, recapCard, teamReason } from '../../../src/core/recap/recap-card.js';
import { hfPapers, paperById } from '../cards/paper-fixtures.js';

const papers = hfPapers();
const HELIX = paperById(papers, '2606.93392');
const GRIDLOCK = paperById(papers, '2606.93681');
const LOOMWORK = paperById(papers, '2606.98063');

const recap = (overrides: Partial<Recap> = {}): Recap => ({
  channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
  dueAt: new Date('2026-06-19T14:00:00Z'),
  weekEnds: '2026-06-19',
  team: [
    { paper: HELIX, saves: 3, likes: 2, counts: { relevant: 4, saved: 3 } },
    { paper: LOOMWORK, saves: 0, likes: 1, counts: { relevant: 1, saved: 1 } },
  ],
  unseen: [GRIDLOCK],
  ...overrides,
});

describe('the weekly recap card', () => {
  it("shows the channel's saved and liked papers first, then the week's most upvoted it has not seen", () => {
    const card = recapCard(recap(), { postWhenEmpty: true });
    expect(card?.header).toBe('Your weekly recap');
    expect(card?.subheader).toBe(
      `Week to ${formatDay('2026-06-19')} · 2 saved or liked here · 1 most upvoted you have not seen`,
    );
    expect(card?.items.map((item) => [item.id, item.because, item.counts])).toEqual([
      ['2606.93392', '3 of you saved it and 2 liked it this week', { relevant: 4, saved: 3 }],
      ['2606.98063', 'one of you liked it this week', { relevant: 1, saved: 1 }],
      ['2606.93681', "one of the week's most upvoted on Hugging Face, new here", { relevant: 0, saved: 0 }],
    ]);
    expect(card?.feedback).toBe(true);
    expect(card?.footer).toBeUndefined();
    expect(card?.fallback).toContain('1. Helix: Sparse Attention');
    expect(card?.fallback).toContain('3. Gridlock');
  });

  it('says how many of the channel did what, in words', () => {
    expect(teamReason({ saves: 1, likes: 0 })).toBe('one of you saved it this week');
    expect(teamReason({ saves: 2, likes: 1 })).toBe('2 of you saved it and one liked it this week');
    expect(teamReason({ saves: 0, likes: 5 })).toBe('5 of you liked it this week');
  });

  it('invites the channel to save papers when nobody did this week', () => {
    const card = recapCard(recap({ team: [] }), { postWhenEmpty: true });
    expect(card?.items.map((item) => item.id)).toEqual(['2606.93681']);
    expect(card?.subheader).toBe(`Week to ${formatDay('2026-06-19')} · 1 most upvoted you have not seen`);
    expect(card?.footer).toContain('Click 🔖 or 👍 on a paper');
    expect(card?.fallback).toContain(card?.footer);
  });

  it('says a week with nothing to show in one line, or stays silent with empty:off', () => {
    const card = recapCard(recap({ team: [], unseen: [] }), { postWhenEmpty: true });
    expect(card?.items).toEqual([]);
    expect(card?.notices).toEqual([{ tone: 'info', text: EMPTY_RECAP_TEXT }]);
    expect(EMPTY_RECAP_TEXT).not.toContain('\n');
    expect(card?.feedback).toBeUndefined();
    expect(recapCard(recap({ team: [], unseen: [] }), { postWhenEmpty: false })).toBeNull();
    expect(recapCard(recap(), { postWhenEmpty: false })).not.toBeNull();
  });

  it('says it is late when paperboy was down at its time', () => {
    expect(recapCard(recap(), { postWhenEmpty: true, late: true })?.subheader).toContain(
      'late: paperboy was down at the scheduled time',
    );
  });
});
