import type { PaperInput, PaperSource } from '../core/paper.js';

/** One paper's inputs folded together: the fields as `PaperInput`, and every source that sent them. */
export type MergedInput = Omit<PaperInput, 'source'> & { sources: PaperSource[] };

/**
 * Folds several inputs for the same paper into one, later inputs winning field by field and every source kept,
 * so that one batch can be written with a single `INSERT ... ON CONFLICT` (which may touch each row only once).
 */
export function mergeInputs(inputs: readonly PaperInput[]): MergedInput[] {
  const byId = new Map<string, MergedInput>();
  for (const { source, ...input } of inputs) {
    const previous = byId.get(input.id);
    byId.set(input.id, previous ? mergeTwo(previous, input, source) : { ...input, sources: [source] });
  }
  return [...byId.values()];
}

function mergeTwo(older: MergedInput, newer: Omit<PaperInput, 'source'>, source: PaperSource): MergedInput {
  const merged: MergedInput = { ...older };
  for (const [key, value] of Object.entries(newer) as [keyof typeof newer, unknown][]) {
    if (isPresent(value)) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  merged.links = { ...older.links, ...newer.links };
  merged.sources = [...new Set([...older.sources, source])].sort();
  return merged;
}

/** Absent, empty text and empty lists never overwrite what is known. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
