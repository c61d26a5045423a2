import { z } from 'zod';

/**
 * The parts of OpenAI's chat-completions wire format that we read. Servers that copy it (Ollama, vLLM,
 * llama.cpp, OpenRouter) add fields of their own, so unknown keys are allowed and dropped.
 */

const tokenCount = z.number().int().nonnegative();

/** Token counts; `total_tokens` is the sum when a server leaves it out. Streams send `usage: null` mid-way. */
export const wireUsageSchema = z.object({
  prompt_tokens: tokenCount,
  completion_tokens: tokenCount,
  total_tokens: tokenCount.optional(),
});
export type WireUsage = z.infer<typeof wireUsageSchema>;

const finishReason = z.string().nullish();

/** A whole (non-streamed) answer. */
export const chatCompletionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        // null when the model answered with a tool call or a refusal instead of text.
        message: z.object({ content: z.string().nullable() }),
        finish_reason: finishReason,
      }),
    )
    .min(1),
  usage: wireUsageSchema.nullish(),
});

/** One streamed chunk; the last one may carry only usage, with no choices. */
export const chatCompletionChunkSchema = z.object({
  model: z.string().optional(),
  choices: z.array(
    z.object({
      delta: z.object({ content: z.string().nullish() }).optional(),
      finish_reason: finishReason,
    }),
  ),
  usage: wireUsageSchema.nullish(),
});

/** How OpenAI-compatible servers describe a failure: `{ error: { message, type, code } }`. */
export const wireErrorSchema = z.object({
  error: z.object({ message: z.string() }),
});
