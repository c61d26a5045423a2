/**
 * What forms offer to pick from: timezones (for type-ahead and by region) and sources (Hugging Face and the arXiv
 * categories, in groups). Picking is a convenience, never a rule: what is picked still goes through the command
 * parsers, which accept any valid timezone and any category.
 */

import { timezoneNames } from '../timezones.js';

/** `Europe` for `Europe/Berlin`; names without a region (`UTC`) are `Other`. */
export const timezoneRegion = (name: string): string =>
  name.includes('/') ? name.slice(0, name.indexOf('/')) : 'Other';

/** The regions timezones are in (`Africa`, `America`, … `Other`), each with its names. */
export function timezonesByRegion(): ReadonlyMap<string, readonly string[]> {
  const regions = new Map<string, string[]>();
  for (const name of timezoneNames()) {
    const region = timezoneRegion(name);
    regions.set(region, [...(regions.get(region) ?? []), name]);
  }
  return regions;
}

/**
 * Timezones for what someone is typing (`berl`, `new york`, `europe/`): names that start with it, then names
 * whose city starts with it, then names that contain it; at most `limit`. An empty query gives the first ones.
 */
export function matchingTimezones(query: string, limit: number): string[] {
  const needle = query.trim().toLowerCase().replace(/\s+/g, '_');
  const all = timezoneNames();
  if (needle === '') return all.slice(0, limit);
  const city = (name: string) => name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const ranked = [
    all.filter((name) => name.toLowerCase().startsWith(needle)),
    all.filter((name) => !name.toLowerCase().startsWith(needle) && city(name).startsWith(needle)),
    all.filter(
      (name) =>
        !name.toLowerCase().startsWith(needle) &&
        !city(name).startsWith(needle) &&
        name.toLowerCase().includes(needle),
    ),
  ];
  return ranked.flat().slice(0, limit);
}

export interface SourceOption {
  /** What `sources:` stores: `hf` or an arXiv category. */
  id: string;
  name: string;
}

export interface SourceGroup {
  label: string;
  sources: readonly SourceOption[];
}

const group = (label: string, entries: [string, string][]): SourceGroup => ({
  label,
  sources: entries.map(([id, name]) => ({ id, name })),
});

/** Hugging Face Daily Papers and the arXiv categories research teams follow most, by archive. */
export const SOURCE_GROUPS: readonly SourceGroup[] = [
  group('Hugging Face', [['hf', 'Daily Papers']]),
  group('Computer science', [
    ['cs.AI', 'Artificial Intelligence'],
    ['cs.AR', 'Hardware Architecture'],
    ['cs.CC', 'Computational Complexity'],
    ['cs.CE', 'Computational Engineering, Finance, and Science'],
    ['cs.CG', 'Computational Geometry'],
    ['cs.CL', 'Computation and Language'],
    ['cs.CR', 'Cryptography and Security'],
    ['cs.CV', 'Computer Vision and Pattern Recognition'],
    ['cs.CY', 'Computers and Society'],
    ['cs.DB', 'Databases'],
    ['cs.DC', 'Distributed, Parallel, and Cluster Computing'],
    ['cs.DL', 'Digital Libraries'],
    ['cs.DM', 'Discrete Mathematics'],
    ['cs.DS', 'Data Structures and Algorithms'],
    ['cs.ET', 'Emerging Technologies'],
    ['cs.FL', 'Formal Languages and Automata Theory'],
    ['cs.GL', 'General Literature'],
    ['cs.GR', 'Graphics'],
    ['cs.GT', 'Computer Science and Game Theory'],
    ['cs.HC', 'Human-Computer Interaction'],
    ['cs.IR', 'Information Retrieval'],
    ['cs.IT', 'Information Theory'],
    ['cs.LG', 'Machine Learning'],
    ['cs.LO', 'Logic in Computer Science'],
    ['cs.MA', 'Multiagent Systems'],
    ['cs.MM', 'Multimedia'],
    ['cs.MS', 'Mathematical Software'],
    ['cs.NA', 'Numerical Analysis'],
    ['cs.NE', 'Neural and Evolutionary Computing'],
    ['cs.NI', 'Networking and Internet Architecture'],
    ['cs.OH', 'Other Computer Science'],
    ['cs.OS', 'Operating Systems'],
    ['cs.PF', 'Performance'],
    ['cs.PL', 'Programming Languages'],
    ['cs.RO', 'Robotics'],
    ['cs.SC', 'Symbolic Computation'],
    ['cs.SD', 'Sound'],
    ['cs.SE', 'Software Engineering'],
    ['cs.SI', 'Social and Information Networks'],
    ['cs.SY', 'Systems and Control'],
  ]),
  group('Statistics', [
    ['stat.ML', 'Machine Learning'],
    ['stat.ME', 'Methodology'],
    ['stat.CO', 'Computation'],
    ['stat.AP', 'Applications'],
    ['stat.TH', 'Statistics Theory'],
  ]),
  group('Electrical engineering', [
    ['eess.AS', 'Audio and Speech Processing'],
    ['eess.IV', 'Image and Video Processing'],
    ['eess.SP', 'Signal Processing'],
    ['eess.SY', 'Systems and Control'],
  ]),
  group('Mathematics', [
    ['math.OC', 'Optimization and Control'],
    ['math.PR', 'Probability'],
    ['math.ST', 'Statistics Theory'],
    ['math.NA', 'Numerical Analysis'],
    ['math.CO', 'Combinatorics'],
  ]),
  group('Physics and biology', [
    ['quant-ph', 'Quantum Physics'],
    ['physics.comp-ph', 'Computational Physics'],
    ['physics.data-an', 'Data Analysis, Statistics and Probability'],
    ['cond-mat.dis-nn', 'Disordered Systems and Neural Networks'],
    ['q-bio.BM', 'Biomolecules'],
    ['q-bio.GN', 'Genomics'],
    ['q-bio.NC', 'Neurons and Cognition'],
    ['q-bio.QM', 'Quantitative Methods'],
  ]),
  group('Economics and finance', [
    ['econ.EM', 'Econometrics'],
    ['q-fin.CP', 'Computational Finance'],
    ['q-fin.ST', 'Statistical Finance'],
  ]),
];

/**
 * The groups with the channel's own sources that no group lists (a category typed with `/papers config`) added
 * as one more group, so a form can show every source the channel has as picked.
 */
export function sourceGroupsWith(current: readonly string[]): SourceGroup[] {
  const listed = new Set(SOURCE_GROUPS.flatMap((entry) => entry.sources.map((source) => source.id)));
  const others = current.filter((source) => !listed.has(source));
  return others.length === 0
    ? [...SOURCE_GROUPS]
    : [...SOURCE_GROUPS, { label: 'Also followed here', sources: others.map((id) => ({ id, name: id })) }];
}
