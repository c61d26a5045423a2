import type { Config } from './config.js';
import type { LanguageModel } from './core/language-model.js';
import type { Logger } from './core/logger.js';
import { createModelHealth, type ModelHealth } from './core/tldr/model-health.js';
import { createTldrMemory, rememberedTldrs, type TldrMemory } from './core/tldr/remembered-tldrs.js';
import { createTldrFiller, type TldrFiller } from './core/tldr/tldr-filler.js';
import type { Tldrs, TokenBudget } from './core/tldr/tldr-ports.js';
import type { Database } from './db/database.js';
import { createOpenAiCompatibleModel } from './llm/openai-compatible-model.js';
import { createTldrStore } from './store/tldr-store.js';
import { createTokenBudgetStore } from './store/token-budget-store.js';

/** The language model and what runs on it; present only when LLM_BASE_URL and LLM_MODEL are set. */
export interface ModelServices {
  model: LanguageModel;
  health: ModelHealth;
  tldrs: Tldrs;
  /** The TL;DRs this replica has read; digests being built read theirs through it too. */
  tldrMemory: TldrMemory;
  budget: TokenBudget;
  /** Puts TL;DRs into cards (digests wait a moment for missing ones, command answers do not). */
  filler: TldrFiller;
  /** Hands the filler this replica's worker, so an urgent TL;DR wakes it. */
  onUrgentTldr(wake: () => void): void;
  dailyTokens: number;
  concurrency: number;
  timeoutMs: number;
}

/** The model from the configuration, or null when none is configured (everything then works without one). */
export function createModelServices(config: Config, db: Database, logger: Logger): ModelServices | null {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return null;
  const model = createOpenAiCompatibleModel({
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT,
    stream: config.LLM_STREAM,
    ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
  });
  const health = createModelHealth();
  const tldrMemory = createTldrMemory();
  const tldrs = rememberedTldrs(createTldrStore(db), tldrMemory);
  let wakeWorker = () => {};
  logger.info('language model configured', {
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    // Not `dailyTokens`: the logger redacts fields named like tokens.
    dailyBudget: config.LLM_DAILY_TOKENS,
  });
  return {
    model,
    health,
    tldrs,
    tldrMemory,
    budget: createTokenBudgetStore(db),
    filler: createTldrFiller({ tldrs, ready: health.ready, onRequested: () => wakeWorker() }),
    onUrgentTldr(wake) {
      wakeWorker = wake;
    },
    dailyTokens: config.LLM_DAILY_TOKENS,
    concurrency: config.LLM_CONCURRENCY,
    timeoutMs: config.LLM_TIMEOUT,
  };
}
