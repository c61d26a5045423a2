import type { ScheduleDays } from '../channel.js';
import type { SearchSort } from '../search.js';
import type { SubscriptionTerm } from '../subscriptions/term.js';

/** Settings a `config` command can change; absent keys stay as they are. */
export interface ConfigChanges {
  top?: number;
  minUpvotes?: number;
  sources?: string[];
  threads?: boolean;
  alerts?: 'digest' | 'instant';
  postWhenEmpty?: boolean;
  learn?: boolean;
  shared?: 'show' | 'hide';
  language?: string;
}

/** How a reading list is sent back: shown as a card, or as a file. */
export type SavedExport = 'bibtex' | 'csv';

/**
 * Everything a user can ask of paperboy, whichever platform delivered it. Slack and the console get it from
 * `parseCommand(text)`; Discord maps its slash-command options into the same type.
 */
export type Command =
  | {
      kind: 'search';
      query: string;
      /** `7d`, `2w`, `3m`, `1y` or `YYYY-MM-DD`, already validated. */
      since?: string;
      limit?: number;
      sort?: SearchSort;
      /** 0-based page of results, for "next page". */
      page?: number;
    }
  | { kind: 'today' }
  | { kind: 'week' }
  | { kind: 'paper'; id: string }
  | { kind: 'subscribe'; terms: SubscriptionTerm[] }
  | { kind: 'unsubscribe'; terms: SubscriptionTerm[] }
  | { kind: 'subscriptions' }
  | { kind: 'schedule'; time: string; timezone: string; days: ScheduleDays }
  | { kind: 'scheduleOff' }
  | { kind: 'config'; changes: ConfigChanges }
  | { kind: 'settings' }
  | { kind: 'digest' }
  /** The digest the channel would get at its next slot, each paper with why it is there; only for the asker. */
  | { kind: 'preview' }
  /** Whether a paper was or will be delivered here, and why (not). */
  | { kind: 'why'; id: string }
  | { kind: 'help' }
  /** A question about a paper, which the text names (its arXiv id or link). */
  | { kind: 'ask'; question: string }
  /** The channel's reading list; `by` is a platform user id (`U123`, a Discord snowflake). */
  | { kind: 'saved'; since?: string; by?: string; page?: number; export?: SavedExport }
  | { kind: 'unsave'; id: string }
  | { kind: 'scheduleRecap'; weekday: number; time: string; timezone: string }
  | { kind: 'recapOff' };

export type CommandKind = Command['kind'];

/**
 * Commands that change a channel's settings or subscriptions, or post for everyone: the ones a platform may
 * reserve for admins (Slack with `SLACK_ADMIN_ONLY`) or for members who can manage the channel (Discord).
 */
export const CHANGING_COMMANDS: ReadonlySet<CommandKind> = new Set([
  'subscribe',
  'unsubscribe',
  'schedule',
  'scheduleOff',
  'config',
  'digest',
  'unsave',
  'scheduleRecap',
  'recapOff',
]);
