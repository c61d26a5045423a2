import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A file shared through `files.completeUploadExternal`. */
export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  content: string;
  /** Where it was shared; absent when completed without a channel (then only its uploader sees it). */
  channelId?: string;
  initialComment?: string;
  threadTs?: string;
  token: string | null;
}

interface Pending {
  id: string;
  filename: string;
  length: number;
  token: string | null;
  uploaded?: Buffer;
}

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;
const error = (code: string): Answer => ({ ok: false, error: code });

/**
 * Slack's external file uploads (what web-api's `files.uploadV2` calls), with the rules the real API has:
 * `files.getUploadURLExternal` needs a `filename` and a positive byte `length` and gives a one-time upload URL;
 * the bytes must be POSTed there, exactly `length` of them; `files.completeUploadExternal` takes a JSON `files`
 * list of ids from this workspace's uploads, each uploaded and completed once, and `thread_ts` only with a
 * `channel_id`. The error names the fake gives where the docs are silent: `invalid_arguments` for a bad request,
 * `file_not_found` for an id it never handed out, an upload not made or a file completed already, and
 * `file_upload_size_mismatch` when the bytes are not the declared length.
 */
export function createFakeFiles(uploadUrl: (id: string) => string) {
  const pending = new Map<string, Pending>();
  const shared: FakeFile[] = [];

  return {
    methods: {
      'files.getUploadURLExternal': (params: Params, token: string | null): Answer => {
        const length = Number(params.length);
        if (typeof params.filename !== 'string' || params.filename === '') return error('invalid_arguments');
        if (!Number.isInteger(length) || length < 1) return error('invalid_arguments');
        const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
        pending.set(id, { id, filename: params.filename, length, token });
        return { ok: true, upload_url: uploadUrl(id), file_id: id };
      },
      'files.completeUploadExternal': (params: Params, token: string | null): Answer => {
        let files: { id?: unknown; title?: unknown }[];
        try {
          files = JSON.parse(String(params.files ?? '')) as typeof files;
        } catch {
          return error('invalid_arguments');
        }
        if (!Array.isArray(files) || files.length === 0) return error('invalid_arguments');
        if (params.thread_ts !== undefined && params.channel_id === undefined)
          return error('invalid_arguments');
        const uploads = files.map((file) => pending.get(String(file.id)));
        if (uploads.some((upload) => !upload?.uploaded || upload.token !== token))
          return error('file_not_found');
        if (uploads.some((upload) => upload?.uploaded?.length !== upload?.length))
          return error('file_upload_size_mismatch');
        const done = files.map((file, index) => {
          const upload = uploads[index] as Pending;
          pending.delete(upload.id);
          const entry: FakeFile = {
            id: upload.id,
            filename: upload.filename,
            title: typeof file.title === 'string' ? file.title : upload.filename,
            content: (upload.uploaded ?? Buffer.alloc(0)).toString('utf8'),
            ...(typeof params.channel_id === 'string' ? { channelId: params.channel_id } : {}),
            ...(typeof params.initial_comment === 'string' ? { initialComment: params.initial_comment } : {}),
            ...(typeof params.thread_ts === 'string' ? { threadTs: params.thread_ts } : {}),
            token,
          };
          shared.push(entry);
          return { id: entry.id, title: entry.title };
        });
        return { ok: true, files: done };
      },
    },
    /**
     * The upload URL: takes the bytes (raw, or the one file of a multipart form, as web-api sends them) once.
     * Answers 404 for an id it did not hand out or already has bytes for, as a used upload URL would.
     */
    async upload(id: string, request: IncomingMessage): Promise<{ status: number; body: string }> {
      const upload = pending.get(id);
      const body = await bytesOf(request);
      if (!upload || upload.uploaded) return { status: 404, body: 'not found' };
      upload.uploaded = body;
      return { status: 200, body: `OK - ${body.length}` };
    },
    shared,
    clear() {
      pending.clear();
      shared.length = 0;
    },
  };
}

async function bytesOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const file = [...form.values()].find((value) => typeof value !== 'string');
  return file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
}
