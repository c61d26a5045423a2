import type { PaperInput } from '../core/paper.js';

/**
 * Folds several inputs for the same paper into one, later inputs winning field by field, so that one batch
 * can be written with a single `INSERT ... ON CONFLICT` (which may touch each row only once).
 */
export function mergeInputs(inputs: readonly PaperInput[]): PaperInput[] {
  const byId = new Map<string, PaperInput>();
  for (const input of inputs) {
    const previous = byId.get(input.id);
    byId.set(input.id, previous ? mergeTwo(previous, input) : input);
  }
  return [...byId.values()];
}

function mergeTwo(older: PaperInput, newer: PaperInput): PaperInput {
  const merged: PaperInput = { ...older };
  for (const [key, value] of Object.entries(newer) as [keyof PaperInput, unknown][]) {
    if (isPresent(value)) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  merged.links = { ...older.links, ...newer.links };
  return merged;
}

/** Absent, empty text and empty lists never overwrite what is known. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
