import { err, ok, type Result } from '../result.js';
import type { ConfigChanges } from './command.js';
import { describeCommandError } from './command-error.js';
import { CONFIG_KEYS, parseConfig } from './parse-config.js';

export type ConfigKey = (typeof CONFIG_KEYS)[number];

/**
 * What a settings form submits (a Slack modal, Discord's components), field by field as its controls give it:
 * text for numbers and choices, a list for sources, on/off for switches. A field left out is not changed.
 */
export type SettingsForm = Partial<Record<ConfigKey, string | readonly string[] | boolean>>;

/** What is wrong with one field, for an inline error next to it. */
export interface FieldError {
  field: ConfigKey;
  message: string;
}

/**
 * A settings form read exactly as `/papers config` reads the same values: each field becomes the `key:value` the
 * command takes and goes through the command's own parser, so a form sets nothing the command could not and
 * refuses what it refuses (a tampered `top` of 999, an unknown source). Every bad field gets its own error, so a
 * modal can show them all at once; then nothing is to be saved.
 *
 * @example
 * configFromForm({ top: '7', sources: ['hf', 'cs.LG'], threads: false }); // ok({ top: 7, sources: [...], threads: false })
 * configFromForm({ top: '999' }); // err([{ field: 'top', message: 'top must be a whole number from 1 to 20 (got 999).' }])
 */
export function configFromForm(form: SettingsForm): Result<ConfigChanges, FieldError[]> {
  const changes: ConfigChanges = {};
  const errors: FieldError[] = [];
  for (const key of CONFIG_KEYS) {
    const given = form[key];
    if (given === undefined) continue;
    const value =
      typeof given === 'boolean'
        ? given
          ? 'on'
          : 'off'
        : typeof given === 'string'
          ? given
          : given.join(',');
    const parsed = parseConfig([
      { raw: `${key}:${value}`, negated: false, key, value: value.trim(), quoted: false },
    ]);
    if (parsed.ok) Object.assign(changes, parsed.value.changes);
    else errors.push({ field: key, message: describeCommandError(parsed.error).message });
  }
  return errors.length > 0 ? err(errors) : ok(changes);
}
