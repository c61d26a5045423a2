import { describe, expect, it } from 'vitest';
import type { CommandKind } from '../../../src/core/commands/command.js';
import {
  FEEDBACK_HELP,
  FORMS_HELP,
  HELP_ENTRIES,
  helpLines,
  LINKS_HELP,
} from '../../../src/core/commands/help-text.js';
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
      'saved',
      'unsave',
      'scheduleRecap',
      'recapOff',
      'preview',
      'why',
      'ask',
    ];
    expect(new Set(kinds)).toEqual(new Set(every));
  });

  it('writes one line per command, then link cards, the forms and the feedback controls in one line each', () => {
    // The help ends with what is not typed: sharing a link, the settings forms, and the 👍 👎 🔖 controls.
    expect(helpLines()).toHaveLength(HELP_ENTRIES.length + 3);
    expect(helpLines().at(-3)).toBe(LINKS_HELP);
    expect(helpLines().at(-2)).toBe(FORMS_HELP);
    expect(helpLines()[3]).toBe(
      '/papers topic:<words> [options]: The same search, with the words after topic: (in quotes for several). Example: /papers topic:lora since:7d',
    );
    expect(helpLines().at(-1)).toBe(FEEDBACK_HELP);
    expect(FEEDBACK_HELP).not.toContain('\n');
    expect(FEEDBACK_HELP).toMatch(/👍.*👎.*🔖/);
  });

  it('lists the reading list, the recap and learning, each with an example that does it', () => {
    const examples = new Map(
      HELP_ENTRIES.map((entry) => {
        const parsed = parseCommand(entry.example);
        return [entry.example, parsed.ok ? parsed.value : undefined];
      }),
    );
    expect(examples.get('/papers saved since:30d export:bibtex')).toEqual({
      kind: 'saved',
      since: '30d',
      export: 'bibtex',
    });
    expect(examples.get('/papers unsave 2606.93392')).toEqual({ kind: 'unsave', id: '2606.93392' });
    expect(examples.get('/papers schedule recap fri 16:00 Europe/Berlin')).toEqual({
      kind: 'scheduleRecap',
      weekday: 5,
      time: '16:00',
      timezone: 'Europe/Berlin',
    });
    expect(examples.get('/papers schedule recap off')).toEqual({ kind: 'recapOff' });
    expect(examples.get('/papers config learn:off')).toEqual({ kind: 'config', changes: { learn: false } });
  });

  it('fits one Discord embed description (4,096 characters; Slack splits it into sections)', () => {
    expect(helpLines().join('\n').length).toBeLessThan(3800);
  });
});
