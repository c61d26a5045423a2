/** A chat-completions request body that passed the fake's checks. */
export interface ChatCompletionBody {
  model: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  max_tokens?: number;
  temperature?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export type Verdict =
  | { ok: true; body: ChatCompletionBody }
  | { ok: false; status: number; error: OpenAiErrorBody };

/** The parts of a request the rules look at. */
export interface IncomingChatRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  rawBody: string;
}

export interface FakeLlmRules {
  /** When set, `Authorization: Bearer <apiKey>` is required. */
  apiKey?: string;
  models: readonly string[];
}

const ROLES = new Set(['system', 'user', 'assistant']);

const refuse = (
  status: number,
  message: string,
  extra: { type?: string; param?: string; code?: string } = {},
): Verdict => ({
  ok: false,
  status,
  error: {
    error: {
      message,
      type: extra.type ?? 'invalid_request_error',
      param: extra.param ?? null,
      code: extra.code ?? null,
    },
  },
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a request the way OpenAI's API does, in its order: the route, the key, the JSON, then the fields.
 *
 * @example
 * checkChatRequest({ method: 'GET', path: '/v1/models', authorization: undefined, rawBody: '' }, { models: ['m'] });
 * // { ok: false, status: 404, error: { error: { code: 'unknown_url', ... } } }
 */
export const checkChatRequest = (request: IncomingChatRequest, rules: FakeLlmRules): Verdict => {
  if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
    return refuse(404, `Invalid URL (${request.method} ${request.path})`, { code: 'unknown_url' });
  }
  if (rules.apiKey !== undefined) {
    const token = request.authorization?.match(/^Bearer (.+)$/)?.[1];
    if (token === undefined) {
      return refuse(401, "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'.");
    }
    // OpenAI masks the key it echoes; some proxies do not. Echoing it whole lets tests catch a client that
    // puts the server's message into an error without redacting it.
    if (token !== rules.apiKey) {
      return refuse(401, `Incorrect API key provided: ${token}.`, { code: 'invalid_api_key' });
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    return refuse(400, 'We could not parse the JSON body of your request.');
  }
  if (!isRecord(body)) return refuse(400, 'The body must be a JSON object.');
  return checkFields(body, rules);
};

const checkFields = (body: Record<string, unknown>, rules: FakeLlmRules): Verdict => {
  const { model, messages, max_tokens, temperature, stream, stream_options } = body;
  if (typeof model !== 'string') {
    return refuse(400, 'You must provide a model parameter.', { param: 'model' });
  }
  if (!rules.models.includes(model)) {
    return refuse(404, `The model \`${model}\` does not exist or you do not have access to it.`, {
      code: 'model_not_found',
    });
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    return refuse(400, "'messages' must be a non-empty array.", { param: 'messages' });
  }
  const badMessage = messages.findIndex(
    (message) =>
      !isRecord(message) || !ROLES.has(String(message.role)) || typeof message.content !== 'string',
  );
  if (badMessage !== -1) {
    return refuse(
      400,
      `'messages.${badMessage}' must have a role of system, user or assistant and string content.`,
      { param: `messages.[${badMessage}]` },
    );
  }
  if (max_tokens !== undefined && !(Number.isInteger(max_tokens) && (max_tokens as number) > 0)) {
    return refuse(400, `Invalid 'max_tokens': ${JSON.stringify(max_tokens)}. Expected a positive integer.`, {
      param: 'max_tokens',
    });
  }
  if (
    temperature !== undefined &&
    !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)
  ) {
    return refuse(400, `Invalid 'temperature': ${JSON.stringify(temperature)}. Expected 0 to 2.`, {
      param: 'temperature',
    });
  }
  if (stream !== undefined && typeof stream !== 'boolean') {
    return refuse(400, "Invalid 'stream': expected a boolean.", { param: 'stream' });
  }
  if (stream_options !== undefined && stream !== true) {
    return refuse(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", {
      param: 'stream_options',
    });
  }
  return { ok: true, body: body as unknown as ChatCompletionBody };
};
