/** One command as the help shows it. */
export interface HelpEntry {
  /** How to write it, with `<placeholders>` and `[optional parts]`. */
  usage: string;
  description: string;
  /** A complete command that works as typed. */
  example: string;
}

/** Every command users can type, in the order the help lists them. Each example must parse (a test checks). */
export const HELP_ENTRIES: readonly HelpEntry[] = [
  { usage: '/papers [today]', description: "Today's trending papers.", example: '/papers today' },
  { usage: '/papers week', description: "This week's trending papers.", example: '/papers week' },
  {
    usage:
      '/papers <words> [since:<7d|2w|3m|1y|date>] [limit:<1-25>] [sort:<relevance|upvotes|date>] [page:<n>]',
    description: 'Search papers: words, "quoted phrases" and -exclusions.',
    example: '/papers "vision language" -survey since:7d',
  },
  {
    usage: '/papers topic:<words> [options]',
    description: 'The same search, with the words after topic: (in quotes for several).',
    example: '/papers topic:lora since:7d',
  },
  {
    usage: '/papers paper <arXiv id or link>',
    description: 'One paper, by arXiv id or arXiv or Hugging Face link.',
    example: '/papers paper 2606.93392',
  },
  {
    usage: '/papers saved [since:<7d|2w|date>] [by:@someone] [page:<n>] [export:<bibtex|csv>]',
    description:
      "This channel's reading list, newest first, with who saved each paper; export: sends it as a file.",
    example: '/papers saved since:30d export:bibtex',
  },
  {
    usage: '/papers unsave <arXiv id>',
    description: "Take a paper off this channel's reading list.",
    example: '/papers unsave 2606.93392',
  },
  {
    usage: '/papers subscribe <terms>',
    description: 'Post new papers matching words, "phrases", author: or category: here; -word excludes.',
    example: '/papers subscribe lora "vision language" -survey author:"Ilse Marrow" category:cs.CL',
  },
  {
    usage: '/papers unsubscribe <terms>',
    description: 'Stop matching these terms.',
    example: '/papers unsubscribe lora',
  },
  { usage: '/papers subscriptions', description: "This channel's terms.", example: '/papers subscriptions' },
  {
    usage: '/papers schedule <HH:MM> [timezone] [daily|weekdays]',
    description: 'Post the digest at this time (UTC and weekdays unless given).',
    example: '/papers schedule 09:30 Europe/Berlin weekdays',
  },
  {
    usage: '/papers schedule cron "<minute hour day month weekday>" [timezone]',
    description: 'Post the digest on a cron schedule.',
    example: '/papers schedule cron "30 9 * * 1-5" Europe/Berlin',
  },
  { usage: '/papers schedule off', description: 'Stop the daily digest.', example: '/papers schedule off' },
  {
    usage: '/papers schedule recap <weekday> <HH:MM> [timezone]',
    description:
      "A weekly recap: the week's most saved and liked papers here, then the most upvoted ones this channel has not seen.",
    example: '/papers schedule recap fri 16:00 Europe/Berlin',
  },
  {
    usage: '/papers schedule recap off',
    description: 'Stop the weekly recap.',
    example: '/papers schedule recap off',
  },
  {
    usage: '/papers config <setting:value>...',
    description:
      'Change settings: top:<1-20>, min-upvotes:<n>, sources:<hf,cs.LG>, threads:<on|off>, alerts:<digest|instant>, empty:<on|off>.',
    example: '/papers config top:7 min-upvotes:10 sources:hf,cs.LG threads:off alerts:instant empty:off',
  },
  {
    usage: '/papers config learn:<on|off>',
    description: "Choose and order the digest's papers by this channel's 👍, 👎 and 🔖 (on by default).",
    example: '/papers config learn:off',
  },
  {
    usage: '/papers config shared:<show|hide>',
    description: 'Papers a teammate shared here: one line (show) or left out (hide).',
    example: '/papers config shared:hide',
  },
  {
    usage: '/papers config language:<tag>',
    description:
      'The language of TL;DRs and answers here, e.g. de, fr, ja or pt-BR (titles stay as they are).',
    example: '/papers config language:de',
  },
  {
    usage: '/papers settings',
    description: "This channel's settings, with an Edit settings button.",
    example: '/papers settings',
  },
  { usage: '/papers digest', description: 'Post the digest now.', example: '/papers digest' },
  {
    usage: '/papers preview',
    description: 'The next digest, only for you, each paper with why it is there.',
    example: '/papers preview',
  },
  {
    usage: '/papers why <arXiv id or link>',
    description: 'Whether a paper was or will be posted here, and why (not).',
    example: '/papers why 2606.93392',
  },
  {
    usage: '/papers ask <arXiv id or link> <question>',
    description:
      'Ask a paper a question, answered from its text by the language model (only for you). In a thread: @paperboy or the Ask paperboy shortcut (Discord: /ask).',
    example: '/papers ask 2606.93392 What dataset do they train on?',
  },
  { usage: '/papers help', description: 'This help.', example: '/papers help' },
];

/** Link cards come from sharing links, not from a command: one line before the feedback controls. */
export const LINKS_HELP = 'A paper link shared here gets its card (Discord: Apps > Paper card).';

/** Settings by clicking instead of typing, on the platforms that have forms. */
export const FORMS_HELP =
  "Settings without typing: Edit settings under /papers settings, paperboy's Home tab in Slack, /digest config alone in Discord.";

/** The feedback controls, which are clicked rather than typed: one line after the commands. */
export const FEEDBACK_HELP =
  '👍 👎 🔖 under every paper paperboy posts: relevant, not relevant, save to the reading list; click again to take it back. Counts show 🔖 and 👍, never who voted 👎.';

/**
 * The help as lines of plain text, one per command (usage, description, example), then the feedback controls.
 *
 * @example
 * helpLines()[0]; // "/papers [today]: Today's trending papers. Example: /papers today"
 */
export function helpLines(): string[] {
  return [
    ...HELP_ENTRIES.map((entry) => `${entry.usage}: ${entry.description} Example: ${entry.example}`),
    LINKS_HELP,
    FORMS_HELP,
    FEEDBACK_HELP,
  ];
}
