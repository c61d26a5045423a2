import { noticeCard, paperListCard } from '../cards/build-cards.js';
import type { Card, Reply } from '../cards/card.js';
import type { Command } from '../commands/command.js';
import type { SavedEntry } from '../ports.js';
import { toBibtex, toCsv } from '../reading-list/export-formats.js';
import { encodeSavedToken, type SavedListToken } from '../reading-list/saved-token.js';
import { parseSince } from '../since.js';
import type { BotDependencies, CommandContext } from './bot-dependencies.js';
import { withFeedback } from './feedback-card.js';
import { answered } from './replies.js';

const PAGE_SIZE = 10;
/** An export holds the whole list, up to this many papers. */
const EXPORT_MAX = 2000;

const EXPORTS = {
  bibtex: { name: 'reading-list.bib', mimeType: 'application/x-bibtex', write: toBibtex },
  csv: { name: 'reading-list.csv', mimeType: 'text/csv', write: toCsv },
} as const;

type SavedCommand = Extract<Command, { kind: 'saved' }>;

/** `/papers saved`: the channel's reading list, newest first, with who saved each paper; or the list as a file. */
export async function answerSaved(
  dependencies: BotDependencies,
  context: CommandContext,
  command: SavedCommand,
): Promise<Reply> {
  const { feedback } = dependencies;
  if (!feedback) return answered(noticeCard({ tone: 'info', text: 'Reading lists are not available here.' }));
  const since = command.since ? parseSince(command.since, context.now) : undefined;
  const query = { ...(since?.ok ? { since: since.value } : {}), ...(command.by ? { by: command.by } : {}) };
  if (command.export) {
    const format = EXPORTS[command.export];
    const { total, entries } = await feedback.saved(context.channel, {
      ...query,
      limit: EXPORT_MAX,
      offset: 0,
    });
    const text =
      total === 0
        ? 'The reading list is empty, so there is nothing to export. Click 🔖 on a paper to save it.'
        : `The reading list: ${total} ${total === 1 ? 'paper' : 'papers'} in ${format.name}${total > EXPORT_MAX ? ` (the newest ${EXPORT_MAX})` : ''}.`;
    const reply = answered(noticeCard({ tone: 'info', text }, 'Reading list'));
    return total === 0
      ? reply
      : { ...reply, file: { name: format.name, mimeType: format.mimeType, content: format.write(entries) } };
  }
  return savedPage(dependencies, context, {
    page: command.page ?? 0,
    ...(command.since ? { since: command.since } : {}),
    ...(command.by ? { by: command.by } : {}),
  });
}

/** One page of the reading list, with Next and Share buttons that carry where it is. */
export async function savedPage(
  dependencies: BotDependencies,
  context: CommandContext,
  token: SavedListToken,
): Promise<Reply> {
  const since = token.since ? parseSince(token.since, context.now) : undefined;
  const { total, entries } = (await dependencies.feedback?.saved(context.channel, {
    ...(since?.ok ? { since: since.value } : {}),
    ...(token.by ? { by: token.by } : {}),
    limit: PAGE_SIZE,
    offset: token.page * PAGE_SIZE,
  })) ?? { total: 0, entries: [] };
  const card = await withFeedback(listCard(entries, total, token), dependencies.feedback, context.channel);
  return answered(card);
}

function listCard(entries: readonly SavedEntry[], total: number, token: SavedListToken): Card {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filters = [token.since ? `since ${token.since}` : '', token.by ? 'by one person' : ''].filter(
    Boolean,
  );
  const subheader = [
    `${total} saved`,
    total > PAGE_SIZE ? `page ${token.page + 1} of ${pages}` : '',
    ...filters,
  ]
    .filter(Boolean)
    .join(' · ');
  const card = paperListCard(
    'Reading list',
    subheader,
    entries.map((entry) => entry.paper),
    {
      emptyText:
        total > 0
          ? `There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`}. Try /papers saved page:1.`
          : token.since || token.by
            ? 'Nothing saved matches. Try /papers saved without since: or by:.'
            : 'Nothing saved yet. Click 🔖 on a paper to add it to this channel’s reading list.',
    },
  );
  const items = card.items.map((item, index) => ({ ...item, savedBy: entries[index]?.savedBy ?? [] }));
  const actions =
    entries.length === 0
      ? []
      : [
          ...((token.page + 1) * PAGE_SIZE < total
            ? [
                {
                  kind: 'nextPage' as const,
                  label: 'Next',
                  value: encodeSavedToken({ ...token, page: token.page + 1 }),
                },
              ]
            : []),
          { kind: 'share' as const, label: 'Share in channel', value: encodeSavedToken(token) },
        ];
  return { ...card, items, actions };
}
