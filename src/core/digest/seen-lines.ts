import type { SeenLine } from '../cards/card.js';
import { toPaperItem } from '../cards/paper-item.js';
import { stripControlChars } from '../cards/sanitize.js';
import { utcDay } from '../days.js';
import type { PaperShare, PaperUpdate } from '../ports.js';
import type { DigestItem } from './build-digest.js';

/** "shared by @ada on Tue → thread": a paper a teammate shared here, instead of presenting it as new. */
export function sharedLine(item: DigestItem, share: PaperShare): SeenLine {
  const shown = toPaperItem(item.paper, item.matchedTerm);
  return {
    kind: 'shared',
    paperId: shown.id,
    title: shown.title,
    url: shown.url,
    sharedBy: share.userId,
    day: utcDay(share.sharedAt),
    message:
      share.messageId === null && share.link === null ? null : { id: share.messageId, link: share.link },
  };
}

/** "since you saw it": a paper posted here before, what is new, and the message it was posted in. */
export function sinceLine(update: PaperUpdate): SeenLine {
  const shown = toPaperItem(update.paper);
  return {
    kind: 'since',
    paperId: shown.id,
    title: shown.title,
    url: shown.url,
    day: utcDay(update.postedAt),
    message: { id: update.messageId, link: null },
    news: stripControlChars(update.news),
  };
}

/** A seen line as plain text, for fallbacks and the terminal: `Title — url · shared by U1 on 2026-06-12`. */
export function seenLineText(line: SeenLine, mention: (userId: string) => string = (id) => id): string {
  const what =
    line.kind === 'shared'
      ? `shared by ${mention(line.sharedBy ?? 'someone')} on ${line.day}`
      : `${line.news ?? 'new since'} (posted ${line.day})`;
  const link = line.message?.link ? ` → ${line.message.link}` : '';
  return `${line.title} — ${line.url} · ${what}${link}`;
}
