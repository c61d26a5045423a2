import type { ProfileExample } from './channel-profile.js';

const people = (count: number): string => (count === 1 ? 'one of you' : `${count} of you`);
const TITLE_MAX = 80;

/**
 * Why the profile chose a paper, naming the liked paper it is most like: `like "LoRA-FAIR", which 3 of you
 * saved`, or `like "X", which 2 of you found relevant`. The title stays plain text (renderers escape it),
 * on one line and at most 80 characters.
 */
export function becauseLine(example: Pick<ProfileExample, 'document' | 'relevant' | 'saved'>): string {
  const flat = example.document.title.replace(/\s+/g, ' ').trim() || example.document.id;
  const title = flat.length > TITLE_MAX ? `${flat.slice(0, TITLE_MAX - 1).trimEnd()}…` : flat;
  const what =
    example.saved > 0 ? `${people(example.saved)} saved` : `${people(example.relevant)} found relevant`;
  return `like "${title}", which ${what}`;
}
