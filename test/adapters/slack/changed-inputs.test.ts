import { describe, expect, it } from 'vitest';
import { changedInputs } from '../../../src/adapters/slack/changed-inputs.js';
import { settingsModal } from '../../../src/adapters/slack/settings-modal.js';
import type { StateValues } from '../../../src/adapters/slack/view-state.js';
import { DEFAULT_SETTINGS } from '../../../src/core/channel.js';
import { stateValuesOf } from '../../helpers/fake-slack-view-state.js';

const opened = settingsModal(
  { ...DEFAULT_SETTINGS, top: 5, sources: ['hf', 'cs.LG'], threads: true },
  { channelId: 'C0123' },
);
const submitted = (values: Parameters<typeof stateValuesOf>[1], tampered = false) =>
  changedInputs(stateValuesOf(opened, values, { tampered }) as unknown as StateValues, opened.blocks);

describe('changedInputs', () => {
  it('is empty for a modal submitted as it opened', () => {
    expect(submitted({})).toEqual({});
  });

  it('keeps only the inputs whose value differs from the one they opened with', () => {
    expect(Object.keys(submitted({ threads: 'off', 'min-upvotes': '3' })).sort()).toEqual([
      'min-upvotes',
      'threads',
    ]);
  });

  it('counts a value changed and changed back as unchanged, and the same sources in another order too', () => {
    expect(submitted({ top: '5', sources: ['cs.LG', 'hf'] })).toEqual({});
    expect(Object.keys(submitted({ sources: ['hf'] }))).toEqual(['sources']);
  });

  it('counts a block the view does not have as changed (a forged field, for the parsers to refuse)', () => {
    expect(Object.keys(submitted({ color: 'red' }, true))).toEqual(['color']);
  });
});
