import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { SAVED_EXPORTS } from '../../core/commands/parse-saved.js';
import { SEARCH_PAGES } from '../../core/commands/parse-search.js';
import { SEARCH_LIMIT, SEARCH_SORTS } from '../../core/search.js';

/** Manage Channels (1 << 4); as Discord's `default_member_permissions` string below. */
export const MANAGE_CHANNELS = PermissionFlagsBits.ManageChannels;
const MANAGE = MANAGE_CHANNELS.toString();

const {
  String: STRING,
  Integer: INTEGER,
  Boolean: BOOLEAN,
  User: USER,
  Subcommand: SUB_COMMAND,
} = ApplicationCommandOptionType;
/** Server channels only: paperboy's channels are a server's (DMs get a polite refusal anyway). */
const GUILD_ONLY = [InteractionContextType.Guild];
const EXPORT_NAMES: Record<(typeof SAVED_EXPORTS)[number], string> = { bibtex: 'BibTeX (.bib)', csv: 'CSV' };
/** The recap's day: the value is what the core's schedule parser reads; `off` turns the recap off. */
const RECAP_DAYS = [
  ['Monday', 'mon'],
  ['Tuesday', 'tue'],
  ['Wednesday', 'wed'],
  ['Thursday', 'thu'],
  ['Friday', 'fri'],
  ['Saturday', 'sat'],
  ['Sunday', 'sun'],
  ['Off: no weekly recap', 'off'],
].map(([name, value]) => ({ name: name ?? '', value: value ?? '' }));

/**
 * The message command (a message's Apps menu) that turns the paper links of a message into cards in the
 * channel. Message commands may have capitals and spaces, and no description or options.
 */
export const PAPER_CARD_COMMAND = 'Paper card';

/** `/ask question: paper:`: a question about a paper, answered in its thread by the language model. */
export const ASK_COMMAND = 'ask';

/**
 * The application commands paperboy registers (`paperboy discord register`). Commands that change a
 * channel default to members with Manage Channels; the handler checks the member's permissions again.
 */
export const DISCORD_COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    name: 'papers',
    description: "Search papers, or show today's top papers",
    contexts: GUILD_ONLY,
    options: [
      {
        type: STRING,
        name: 'topic',
        description: 'Words, "phrases", -exclusions, or an arXiv id or link',
        autocomplete: true,
        max_length: 200,
      },
      {
        type: STRING,
        name: 'since',
        description: 'Only papers since: 7d, 2w, 3m, 1y or 2026-06-01',
        max_length: 20,
      },
      {
        type: INTEGER,
        name: 'limit',
        description: `Results per page (${SEARCH_LIMIT.min}-${SEARCH_LIMIT.max})`,
        min_value: SEARCH_LIMIT.min,
        max_value: SEARCH_LIMIT.max,
      },
      {
        type: STRING,
        name: 'sort',
        description: 'Order of the results',
        choices: SEARCH_SORTS.map((sort) => ({ name: sort, value: sort })),
      },
    ],
  },
  {
    name: 'subscribe',
    description: "Follow terms in this channel (they join the channel's digest)",
    contexts: GUILD_ONLY,
    default_member_permissions: MANAGE,
    options: [
      {
        type: STRING,
        name: 'terms',
        description: 'lora "vision language" -survey author:"Ilse Marrow" category:cs.CL',
        required: true,
        max_length: 1000,
      },
    ],
  },
  {
    name: 'unsubscribe',
    description: 'Stop following a term in this channel',
    contexts: GUILD_ONLY,
    default_member_permissions: MANAGE,
    options: [
      {
        type: STRING,
        name: 'term',
        description: 'The term to stop following',
        required: true,
        autocomplete: true,
      },
    ],
  },
  { name: 'subscriptions', description: "List this channel's terms", contexts: [0] },
  {
    name: 'saved',
    description: "This channel's reading list: the papers saved with 🔖, newest first",
    contexts: GUILD_ONLY,
    options: [
      {
        type: STRING,
        name: 'since',
        description: 'Only papers saved since: 7d, 2w, 3m, 1y or 2026-06-01',
        max_length: 20,
      },
      { type: USER, name: 'by', description: 'Only the papers this person saved' },
      {
        type: INTEGER,
        name: 'page',
        description: `Page of the list (${SEARCH_PAGES.min}-${SEARCH_PAGES.max})`,
        min_value: SEARCH_PAGES.min,
        max_value: SEARCH_PAGES.max,
      },
      {
        type: STRING,
        name: 'export',
        description: 'The whole list as a file to download',
        choices: SAVED_EXPORTS.map((format) => ({ name: EXPORT_NAMES[format], value: format })),
      },
    ],
  },
  {
    name: 'unsave',
    description: "Take a paper off this channel's reading list (for everyone who saved it)",
    contexts: GUILD_ONLY,
    default_member_permissions: MANAGE,
    options: [
      {
        type: STRING,
        name: 'id',
        description: 'The arXiv id or link of a saved paper, e.g. 2606.93392',
        required: true,
        autocomplete: true,
        max_length: 200,
      },
    ],
  },
  {
    name: 'digest',
    description: "This channel's daily digest",
    contexts: GUILD_ONLY,
    default_member_permissions: MANAGE,
    options: [
      {
        type: SUB_COMMAND,
        name: 'schedule',
        description: 'When the digest is posted',
        options: [
          { type: STRING, name: 'time', description: 'HH:MM, e.g. 09:30', required: true, max_length: 10 },
          {
            type: STRING,
            name: 'timezone',
            description: 'IANA timezone, e.g. Europe/Berlin (default UTC)',
            max_length: 64,
          },
          {
            type: STRING,
            name: 'days',
            description: 'daily or weekdays (default weekdays)',
            choices: [
              { name: 'weekdays', value: 'weekdays' },
              { name: 'daily', value: 'daily' },
            ],
          },
        ],
      },
      { type: SUB_COMMAND, name: 'off', description: 'Stop posting the digest' },
      {
        type: SUB_COMMAND,
        name: 'config',
        description: "Change the channel's settings",
        options: [
          {
            type: INTEGER,
            name: 'top',
            description: 'Trending papers per digest (1-20)',
            min_value: 1,
            max_value: 20,
          },
          {
            type: INTEGER,
            name: 'min-upvotes',
            description: 'Minimum upvotes of a trending paper',
            min_value: 0,
            max_value: 100_000,
          },
          {
            type: STRING,
            name: 'sources',
            description: 'hf and/or arXiv categories, e.g. hf,cs.LG',
            max_length: 200,
          },
          { type: BOOLEAN, name: 'threads', description: "Post each paper's details in a thread" },
          {
            type: STRING,
            name: 'alerts',
            description: 'digest: matches wait for the digest; instant: posted after each ingest',
            choices: [
              { name: 'digest', value: 'digest' },
              { name: 'instant', value: 'instant' },
            ],
          },
          { type: BOOLEAN, name: 'empty', description: 'Post "No new papers today" on empty days' },
          {
            type: BOOLEAN,
            name: 'learn',
            description: 'Choose and order the digest by what this channel liked and saved',
          },
          {
            type: STRING,
            name: 'shared',
            description: 'Papers a teammate already shared here: one line (show) or left out (hide)',
            choices: [
              { name: 'show', value: 'show' },
              { name: 'hide', value: 'hide' },
            ],
          },
          {
            type: STRING,
            name: 'language',
            description: 'Language of TL;DRs and answers here: en, de, fr, ja, pt-BR …',
            max_length: 35,
          },
        ],
      },
      {
        type: SUB_COMMAND,
        name: 'recap',
        description: "The weekly recap: the week's most saved and liked papers here, then what you missed",
        options: [
          {
            type: STRING,
            name: 'day',
            description: 'Day of the week, or off',
            required: true,
            choices: RECAP_DAYS,
          },
          { type: STRING, name: 'time', description: 'HH:MM, e.g. 16:00', max_length: 10 },
          {
            type: STRING,
            name: 'timezone',
            description: 'IANA timezone, e.g. Europe/Berlin (default UTC)',
            max_length: 64,
          },
        ],
      },
      { type: SUB_COMMAND, name: 'now', description: 'Post the digest now' },
      { type: SUB_COMMAND, name: 'settings', description: "Show the channel's settings" },
      {
        type: SUB_COMMAND,
        name: 'preview',
        description: 'The next digest, only for you, each paper with why it is there',
      },
    ],
  },
  {
    name: 'why',
    description: 'Whether a paper was or will be posted in this channel, and why (not)',
    contexts: GUILD_ONLY,
    options: [
      {
        type: STRING,
        name: 'paper',
        description: 'The arXiv id or link of the paper, e.g. 2606.93392',
        required: true,
        max_length: 200,
      },
    ],
  },
  {
    name: ASK_COMMAND,
    description: 'Ask a question about a paper paperboy posted (use it in the paper’s thread)',
    contexts: GUILD_ONLY,
    options: [
      {
        type: STRING,
        name: 'question',
        description: 'What you want to know, e.g. What dataset do they train on?',
        required: true,
        max_length: 1000,
      },
      {
        type: STRING,
        name: 'paper',
        description: 'Which paper: its number in the thread, or an arXiv id or link',
        max_length: 200,
      },
    ],
  },
  { type: ApplicationCommandType.Message, name: PAPER_CARD_COMMAND, contexts: GUILD_ONLY },
];

/** Commands whose handler checks Manage Channels (`/digest settings` only reads, but lives under /digest). */
export const needsManageChannels = (name: string, sub: string | undefined): boolean =>
  name === 'subscribe' ||
  name === 'unsubscribe' ||
  name === 'unsave' ||
  (name === 'digest' && sub !== 'settings');
