import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';
import { type Activity, type Attachment, asActivity } from '../activity.js';
import { assertReaches, authenticate } from '../auth/credentials.js';
import type { EmulatorContext } from '../context.js';
import { acceptClientActivity } from '../conversations/clientActivities.js';
import { DirectLineEmulatorError } from '../errors.js';
import { readBody } from './body.js';
import { conversationOrThrow } from './directLineRoutes.js';
import { sendJson } from './respond.js';

interface UploadedFile {
  contentType: string;
  name: string | undefined;
  bytes: Buffer;
}

interface ParsedUpload {
  template: Activity | undefined;
  files: UploadedFile[];
}

const activityPartType = 'application/vnd.microsoft.activity';

function tooBig(limit: number): DirectLineEmulatorError {
  return new DirectLineEmulatorError('MessageSizeTooBig', `The upload exceeds ${limit} bytes.`);
}

function parseTemplate(text: string): Activity {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DirectLineEmulatorError('BadArgument', 'The activity part is not valid JSON.', {
      cause,
    });
  }
  const activity = asActivity(value);
  if (!activity) throw new DirectLineEmulatorError('MissingProperty', 'The activity has no type.');
  return activity;
}

/** multipart/form-data: an optional `activity` part (JSON) and one part per file. */
function parseMultipart(req: IncomingMessage, limit: number): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: limit, files: 20, parts: 40 } });
    } catch (cause) {
      reject(new DirectLineEmulatorError('BadArgument', 'Malformed multipart body.', { cause }));
      return;
    }
    const upload: ParsedUpload = { template: undefined, files: [] };
    let total = 0;
    let failure: DirectLineEmulatorError | undefined;
    const fail = (error: DirectLineEmulatorError) => {
      failure ??= error;
    };
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limit) fail(tooBig(limit));
        else chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooBig(limit)));
      stream.on('close', () => {
        if (failure) return;
        const bytes = Buffer.concat(chunks);
        if (field === 'activity' || info.mimeType === activityPartType) {
          try {
            upload.template = parseTemplate(bytes.toString('utf8'));
          } catch (error) {
            fail(error as DirectLineEmulatorError);
          }
          return;
        }
        upload.files.push({ contentType: info.mimeType, name: info.filename, bytes });
      });
    });
    parser.on('field', (field, value) => {
      if (field !== 'activity') return;
      try {
        upload.template = parseTemplate(value);
      } catch (error) {
        fail(error as DirectLineEmulatorError);
      }
    });
    parser.on('error', (cause) =>
      reject(new DirectLineEmulatorError('BadArgument', 'Malformed multipart body.', { cause })),
    );
    parser.on('close', () => (failure ? reject(failure) : resolve(upload)));
    req.pipe(parser);
  });
}

function filenameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename=("?)([^";]+)\1/i.exec(disposition);
  return plain?.[2];
}

async function parseUpload(req: IncomingMessage, limit: number): Promise<ParsedUpload> {
  const contentType = req.headers['content-type'] ?? 'application/octet-stream';
  if (/^multipart\/form-data/i.test(contentType)) return parseMultipart(req, limit);
  const bytes = await readBody(req, limit);
  if (bytes.length === 0) throw new DirectLineEmulatorError('BadArgument', 'The upload is empty.');
  const name = filenameOf(req.headers['content-disposition']);
  return { template: undefined, files: [{ contentType, name, bytes }] };
}

/** POST /v3/directline/conversations/{id}/upload?userId= — files become a message's attachments. */
export async function upload(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  [conversationId]: string[],
  url: URL,
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  assertReaches(credential, conversationId!);
  const conversation = conversationOrThrow(ctx, conversationId!);
  const userId = url.searchParams.get('userId');
  if (!userId)
    throw new DirectLineEmulatorError('MissingProperty', 'The userId parameter is missing.');
  const parsed = await parseUpload(req, ctx.options.maxUploadBytes);
  const template = parsed.template ?? { type: 'message' };
  const described = template.attachments ?? [];
  const attachments: Attachment[] = parsed.files.map((file, index) => {
    const id = ctx.attachments.put({ conversationId: conversation.id, ...file });
    const meta = described[index];
    return {
      contentType: file.contentType,
      contentUrl: new URL(`/v3/directline/attachments/${id}`, ctx.baseUrl()).toString(),
      name: file.name ?? meta?.name,
      ...(meta?.thumbnailUrl ? { thumbnailUrl: meta.thumbnailUrl } : {}),
    };
  });
  const activity: Activity = {
    ...template,
    attachments,
    from: { ...template.from, id: userId },
  };
  const stored = await acceptClientActivity(ctx, conversation, activity, credential, userId);
  sendJson(res, 200, { id: stored.id });
}
