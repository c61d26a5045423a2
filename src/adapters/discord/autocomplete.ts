import type { BotDependencies } from '../../core/bot/bot-dependencies.js';
import { stripControlChars } from '../../core/cards/sanitize.js';
import type { ChannelRef } from '../../core/channel.js';
import { daysEndingOn, utcDay } from '../../core/days.js';
import { DISCORD_LIMITS as L } from './limits.js';

/** An autocomplete choice as Discord takes it. */
export interface Choice {
  name: string;
  value: string;
}

const KEYWORD_DAYS = 7;
const KEYWORD_PAPERS = 100;
const CACHE_MS = 10 * 60_000;

/** Saved papers offered to `/unsave id`, newest first (filtered by what was typed). */
const SAVED_SUGGESTED = 100;

/**
 * Suggestions for `/papers topic` (the channel's words and phrases, then recent Hugging Face AI keywords),
 * `/unsubscribe term` (the channel's terms) and `/unsave id` (the channel's reading list: the paper's title
 * shown, its id the value), filtered by what was typed so far, at most 25.
 */
export function createAutocomplete(bot: BotDependencies, now: () => Date) {
  let keywords: { at: number; values: string[] } | null = null;

  async function recentKeywords(): Promise<string[]> {
    const at = now().getTime();
    if (keywords && at - keywords.at < CACHE_MS) return keywords.values;
    const day = await bot.digestPapers.latestDailyDay(utcDay(now()));
    const first = day ? (daysEndingOn(day, KEYWORD_DAYS).at(-1) ?? day) : null;
    const papers = day && first ? await bot.catalog.topOfDays(first, day, KEYWORD_PAPERS) : [];
    const counts = new Map<string, number>();
    for (const keyword of papers.flatMap((paper) => paper.aiKeywords ?? [])) {
      const key = keyword.trim().toLowerCase();
      if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const values = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k]) => k);
    keywords = { at, values };
    return values;
  }

  async function savedPapers(channel: ChannelRef, typed: string): Promise<Choice[]> {
    const list = await bot.feedback?.saved(channel, { limit: SAVED_SUGGESTED, offset: 0 });
    const needle = typed.trim().toLowerCase();
    return (list?.entries ?? [])
      .filter(({ paper }) => needle === '' || `${paper.id} ${paper.title}`.toLowerCase().includes(needle))
      .slice(0, L.autocompleteChoices)
      .map(({ paper }) => ({
        name: `${paper.id} · ${stripControlChars(paper.title)}`.slice(0, L.choiceName),
        value: paper.id.slice(0, L.choiceValue),
      }));
  }

  return async (channel: ChannelRef, option: string, typed: string): Promise<Choice[]> => {
    if (option === 'id') return savedPapers(channel, typed);
    const terms = await bot.subscriptions.list(channel);
    const own =
      option === 'term'
        ? terms.map((term) => term.text)
        : terms.filter((term) => term.kind === 'word' || term.kind === 'phrase').map((term) => term.text);
    const candidates = option === 'term' ? own : [...own, ...(await recentKeywords())];
    const needle = typed.trim().toLowerCase();
    const seen = new Set<string>();
    const choices: Choice[] = [];
    for (const candidate of candidates) {
      const value = candidate.slice(0, L.choiceValue);
      const key = value.toLowerCase();
      if (value === '' || seen.has(key) || (needle !== '' && !key.includes(needle))) continue;
      seen.add(key);
      choices.push({ name: value.slice(0, L.choiceName), value });
      if (choices.length === L.autocompleteChoices) break;
    }
    return choices;
  };
}
