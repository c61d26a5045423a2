import { err, ok, type Result } from '../result.js';
import { parseCron as parseCronSpec } from '../schedule/cron.js';
import { type CommandError, CommandErrorId, commandError } from './command-error.js';

/**
 * Checks a five-field cron expression (minute, hour, day of month, month, day of week) with the same grammar
 * the scheduler runs, and returns it with whitespace collapsed.
 *
 * @example
 * parseCron('30  9 * * MON-FRI'); // ok('30 9 * * MON-FRI')
 * parseCron('30 25 * * *');       // err(badCron, problem: { kind: 'outOfRange', field: 'hour', value: '25', ... })
 */
export function parseCron(text: string): Result<string, CommandError> {
  const expression = text.trim().replace(/\s+/g, ' ');
  if (expression === '') return err(commandError(CommandErrorId.BadCron, { expression }));
  const parsed = parseCronSpec(expression);
  if (!parsed.ok) return err(commandError(CommandErrorId.BadCron, { expression, problem: parsed.error }));
  return ok(expression);
}
