import {
  type AgentToServer,
  type AttachmentContentType,
  agentMessage,
  AttachmentContentType as ContentTypes,
  createId,
  type ErrorCode,
  isErrorCode,
  type ServerToAgent,
} from '@baton/handoff-protocol';

type Grant = Extract<ServerToAgent, { type: 'attachment.grant' }>;
type Refusal = Extract<ServerToAgent, { type: 'error' }>;

/** How sharing a file ended: shared (acked like a message), or refused with a protocol code. */
export type ShareOutcome = { ok: true } | { ok: false; code: ErrorCode };

export interface AttachmentTransport {
  serverUrl: string;
  /** Sends a frame once (the grant request). */
  send(frame: AgentToServer): void;
  /** Sends a logged command until acknowledged (the share). */
  sendPending(frame: Extract<AgentToServer, { clientMessageId: string }>): void;
  /** A staff API request with the session's token. */
  staffFetch(path: string, init?: RequestInit): Promise<Response>;
}

const GRANT_TIMEOUT_MS = 15_000;
const ACCEPTED = new Set<string>(ContentTypes.options);

/**
 * Files the agent shares and opens: `attachment.upload` → `attachment.grant` → `PUT` of the
 * bytes with the grant's token → `attachment.share` (kept in the outbox until `ack`). Files
 * are read with the staff token and shown through blob URLs (never a URL with a token).
 */
export class ConsoleAttachments {
  readonly #transport: AttachmentTransport;
  readonly #waiting = new Map<string, (result: Grant | ErrorCode) => void>();
  readonly #urls = new Map<string, Promise<string | null>>();

  constructor(transport: AttachmentTransport) {
    this.#transport = transport;
  }

  /** Uploads `file` into the conversation and shares it (with an optional caption). */
  async share(conversationId: string, file: File, caption?: string): Promise<ShareOutcome> {
    if (!ACCEPTED.has(file.type)) return { ok: false, code: 'attachment_type_not_allowed' };
    const clientMessageId = createId();
    const granted = new Promise<Grant | ErrorCode>((resolve) => {
      this.#waiting.set(clientMessageId, resolve);
      setTimeout(() => {
        if (this.#waiting.delete(clientMessageId)) resolve('timeout');
      }, GRANT_TIMEOUT_MS);
    });
    this.#transport.send(
      agentMessage('attachment.upload', {
        conversationId,
        clientMessageId,
        name: file.name.replace(/[/\\\p{Cc}]/gu, '_').slice(0, 200) || 'file',
        contentType: file.type as AttachmentContentType,
        size: file.size,
      }),
    );
    const grant = await granted;
    if (typeof grant === 'string') return { ok: false, code: grant };
    let response: Response;
    try {
      response = await fetch(new URL(grant.uploadPath, this.#transport.serverUrl), {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${grant.uploadToken}`,
          'content-type': 'application/octet-stream',
        },
        body: file,
        credentials: 'omit',
      });
    } catch {
      return { ok: false, code: 'unavailable' };
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: unknown };
      } | null;
      const code = body?.error?.code;
      return { ok: false, code: isErrorCode(code) ? code : 'internal' };
    }
    this.#transport.sendPending(
      agentMessage('attachment.share', {
        conversationId,
        clientMessageId: createId(),
        attachmentId: grant.attachment.id,
        ...(caption?.trim() ? { caption: caption.trim() } : {}),
      }),
    );
    return { ok: true };
  }

  /** A `attachment.grant` frame: resolves the waiting upload. */
  granted(frame: Grant): void {
    const resolve = this.#waiting.get(frame.clientMessageId);
    this.#waiting.delete(frame.clientMessageId);
    resolve?.(frame);
  }

  /** An `error` for a grant request: true when it was one (consumed here). */
  refused(frame: Refusal): boolean {
    const id = frame.clientMessageId;
    if (!id || !this.#waiting.has(id)) return false;
    const resolve = this.#waiting.get(id)!;
    this.#waiting.delete(id);
    resolve(frame.code);
    return true;
  }

  /** A blob URL of the file's bytes (fetched once, audited by the server), or null if refused. */
  objectUrl(attachmentId: string): Promise<string | null> {
    let url = this.#urls.get(attachmentId);
    if (!url) {
      url = this.#transport
        .staffFetch(`/api/attachments/${encodeURIComponent(attachmentId)}`)
        .then(async (response) => (response.ok ? URL.createObjectURL(await response.blob()) : null))
        .catch(() => null);
      this.#urls.set(attachmentId, url);
      void url.then((value) => {
        if (value === null) this.#urls.delete(attachmentId);
      });
    }
    return url;
  }

  /** Frees every blob URL (sign-out). */
  clear(): void {
    for (const url of this.#urls.values()) void url.then((u) => u && URL.revokeObjectURL(u));
    this.#urls.clear();
  }
}
