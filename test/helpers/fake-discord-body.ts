import type { IncomingMessage } from 'node:http';

/** A file of a multipart request, as the fake received it. */
export interface RecordedFile {
  /** The form field: `files[0]`, `files[1]`, ... */
  key: string;
  name: string;
  contentType: string;
  size: number;
  text: string;
}

/** What a request carried: the JSON body (or `payload_json`), the files of a multipart request, and why
 * Discord would refuse it, if it would. */
export interface ReadBody {
  body: Record<string, unknown> | unknown[] | null;
  files?: RecordedFile[];
  problem?: BodyProblem;
}

/** Why Discord would refuse the request's body: its status, code and message. */
export interface BodyProblem {
  status: number;
  code: number;
  message: string;
}

/** At most this many files per message (Discord's limit). */
const MAX_FILES = 10;
const FILE_KEY = /^files\[(\d+)\]$/;

/**
 * Reads a request body as Discord does: JSON, or `multipart/form-data` with the JSON in `payload_json` and the
 * files in `files[n]` (how @discordjs/rest sends `files`). Enforces the attachment rules: at most 10 files,
 * each within `attachmentLimit` bytes (413, code 40005), every field a `files[n]` or `payload_json`, a file name
 * for every file, and each `attachments[].id` naming a file that was sent (400, code 50035).
 */
export async function readDiscordBody(
  request: IncomingMessage,
  raw: Buffer,
  attachmentLimit: number,
): Promise<ReadBody> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const text = raw.toString('utf8');
    return { body: text === '' ? null : (JSON.parse(text) as ReadBody['body']) };
  }
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const read: ReadBody & { files: RecordedFile[] } = { body: null, files: [] };
  const problems: BodyProblem[] = [];
  for (const [key, value] of form.entries()) {
    if (key === 'payload_json' && typeof value === 'string') {
      try {
        read.body = JSON.parse(value) as ReadBody['body'];
      } catch {
        problems.push(invalid('payload_json: not JSON'));
      }
      continue;
    }
    if (!FILE_KEY.test(key) || typeof value === 'string') {
      problems.push(invalid(`${key}: not a file field`));
      continue;
    }
    if (value.name === '') problems.push(invalid(`${key}: a file needs a name`));
    if (value.size > attachmentLimit)
      problems.push({ status: 413, code: 40005, message: 'Request entity too large' });
    read.files.push({
      key,
      name: value.name,
      contentType: value.type,
      size: value.size,
      text: await value.text(),
    });
  }
  if (read.files.length > MAX_FILES)
    problems.push(invalid(`files: Must be ${MAX_FILES} or fewer in length.`));
  const attachments = (read.body as { attachments?: unknown } | null)?.attachments;
  if (attachments !== undefined && !Array.isArray(attachments))
    problems.push(invalid('attachments: must be an array'));
  const sent = new Set(read.files.map((file) => FILE_KEY.exec(file.key)?.[1]));
  for (const [index, attachment] of (Array.isArray(attachments) ? attachments : []).entries()) {
    const id = String((attachment as { id?: unknown }).id);
    // A snowflake keeps an attachment the message already has; a small number names a file of this request.
    if (/^\d{3,}$/.test(id)) continue;
    if (!sent.has(id))
      problems.push(invalid(`attachments.${index}.id: names no files[${id}] of this request`));
  }
  const [problem] = problems;
  return problem ? { ...read, problem } : read;
}

const invalid = (detail: string): BodyProblem => ({
  status: 400,
  code: 50035,
  message: `Invalid Form Body: ${detail}`,
});
