import { noticeCard } from '../cards/build-cards.js';
import type { Card, Notice, Reply } from '../cards/card.js';

/** An answer for the asker only (`ephemeral`) or for everyone in the channel. */
export const answered = (card: Card, visibility: Reply['visibility'] = 'ephemeral'): Reply => ({
  card,
  visibility,
  outcome: 'ok',
});

/** The user's command or values were wrong: the notice says what, with an example that works. */
export const userError = (notice: Omit<Notice, 'tone'>): Reply => ({
  card: noticeCard({ tone: 'error', ...notice }),
  visibility: 'ephemeral',
  outcome: 'user_error',
});

/** A check said no before anything was done; nothing was written. */
export const refused = (notice: Notice, title?: string): Reply => ({
  card: noticeCard(notice, title),
  visibility: 'ephemeral',
  outcome: 'refused',
});

/** The one apology for a failure on our side; the details go to the log, never to the channel. */
export const apology = (): Reply => ({
  card: noticeCard({
    tone: 'error',
    text: 'Something went wrong on our side. Please try again in a minute.',
  }),
  visibility: 'ephemeral',
  outcome: 'failed',
});
