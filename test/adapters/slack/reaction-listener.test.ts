import { describe, expect, it } from 'vitest';
import { countableReaction, reactionKind } from '../../../src/adapters/slack/reaction-listener.js';

const onBotMessage = (reaction: string, user = 'U1') => ({
  user,
  reaction,
  item_user: 'UBOT',
  item: { type: 'message', channel: 'C1', ts: '1700000000.000200' },
});

describe('which reactions are feedback', () => {
  it('reads both names of 👍 and 👎, any skin tone, and 🔖; nothing else', () => {
    expect(['+1', 'thumbsup', '+1::skin-tone-2', 'thumbsup::skin-tone-6'].map(reactionKind)).toEqual([
      'relevant',
      'relevant',
      'relevant',
      'relevant',
    ]);
    expect(['-1', 'thumbsdown', '-1::skin-tone-4'].map(reactionKind)).toEqual([
      'notRelevant',
      'notRelevant',
      'notRelevant',
    ]);
    expect(reactionKind('bookmark')).toBe('save');
    expect(['tada', 'bookmark_tabs', '+1::skin-tone-9x', '', 'thumbsup-', ':+1:'].map(reactionKind)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('is a person’s reaction on a message the bot posted', () => {
    expect(countableReaction(onBotMessage('bookmark'), 'UBOT')).toEqual({
      kind: 'save',
      userId: 'U1',
      channelId: 'C1',
      messageId: '1700000000.000200',
    });
  });

  it('is not the bot’s own, nor on someone else’s message, nor on a file, nor another emoji', () => {
    expect(countableReaction(onBotMessage('+1', 'UBOT'), 'UBOT')).toBeNull();
    expect(countableReaction({ ...onBotMessage('+1'), item_user: 'U7' }, 'UBOT')).toBeNull();
    expect(countableReaction({ ...onBotMessage('+1'), item: { type: 'file' } }, 'UBOT')).toBeNull();
    expect(countableReaction(onBotMessage('tada'), 'UBOT')).toBeNull();
    expect(countableReaction({ ...onBotMessage('+1'), item: { type: 'message', channel: 'C1' } })).toBeNull();
  });

  it('leaves it to the core when the bot user is unknown (it checks paperboy posted the message)', () => {
    expect(countableReaction({ ...onBotMessage('-1'), item_user: 'U7' })?.kind).toBe('notRelevant');
  });
});
