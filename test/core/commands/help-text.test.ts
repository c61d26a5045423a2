import { describe, expect, it } from 'vitest';
import type { CommandKind } from '../../../src/core/commands/command.js';
import { HELP_ENTRIES, helpLines } from '../../../src/core/commands/help-text.js';
import { parseCommand } from '../../../src/core/commands/parse-command.js';

describe('help text', () => {
  it.each(HELP_ENTRIES.map((entry) => entry.example))('has an example that parses: %s', (example) => {
    expect(parseCommand(example).ok).toBe(true);
  });

  it('shows an example of every kind of command', () => {
    const kinds = HELP_ENTRIES.map((entry) => {
      const result = parseCommand(entry.example);
      return result.ok ? result.value.kind : undefined;
    });
    const every: CommandKind[] = [
      'search',
      'today',
      'week',
      'paper',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'schedule',
      'scheduleOff',
      'config',
      'settings',
      'digest',
      'help',
    ];
    expect(new Set(kinds)).toEqual(new Set(every));
  });

  it('writes one line per command', () => {
    expect(helpLines()).toHaveLength(HELP_ENTRIES.length);
    expect(helpLines()[3]).toBe(
      '/papers topic:<words> [options]: The same search, with the words after topic: (in quotes for several). Example: /papers topic:lora since:7d',
    );
  });
});
