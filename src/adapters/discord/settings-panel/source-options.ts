import { type SourceOption, sourceGroupsWith } from '../../../core/commands/form-options.js';
import { DISCORD_LIMITS as L } from '../limits.js';

/**
 * The sources a select offers when the channel has none of its own beyond them: Hugging Face and the arXiv
 * categories teams follow most. A select holds 25 options, fewer than the 66 of `SOURCE_GROUPS`; the others
 * (and any arXiv category) stay one `/digest config sources:` away.
 */
const MOST_FOLLOWED = [
  'hf',
  'cs.LG',
  'cs.CL',
  'cs.CV',
  'cs.AI',
  'stat.ML',
  'cs.RO',
  'cs.IR',
  'cs.NE',
  'cs.CR',
  'cs.HC',
  'cs.SE',
  'cs.DC',
  'cs.MA',
  'cs.SD',
  'eess.AS',
  'eess.IV',
  'eess.SP',
  'cs.GR',
  'cs.DB',
  'math.OC',
  'quant-ph',
  'q-bio.QM',
  'q-bio.NC',
  'cs.CY',
];

export interface OfferedSource extends SourceOption {
  /** The group it is listed in (`Computer science`, `Also followed here`). */
  group: string;
}

/**
 * The sources the panel's select offers: every source the channel follows (at most 20), then the most followed
 * ones up to 25, in the order of the groups.
 *
 * @example
 * offeredSources(['hf', 'hep-th']).map((source) => source.id); // ['hf', 'cs.AI', ..., 'hep-th'] (25)
 */
export function offeredSources(current: readonly string[]): OfferedSource[] {
  const listed = sourceGroupsWith(current).flatMap((group) =>
    group.sources.map((source) => ({ ...source, group: group.label })),
  );
  const wanted = new Set<string>(current.slice(0, L.selectOptions));
  for (const id of MOST_FOLLOWED) if (wanted.size < L.selectOptions) wanted.add(id);
  const offered = listed.filter((source) => wanted.has(source.id));
  return offered.filter((source, index) => offered.findIndex((other) => other.id === source.id) === index);
}
