import type {
  AttachmentRef,
  Outbox,
  PatientToServer,
  ServerToPatient,
} from '@baton/handoff-protocol';
import { newId, patientFrame } from '../frames';
import type { HandoffSession } from '../session';

type Share = Extract<PatientToServer, { type: 'attachment.share' }>;
/** The session's own delivery core, from the handoff chunk (loaded already, not bundled twice). */
type Delivery = Pick<typeof import('../client'), 'Outbox'>;

const GRANT_WAIT_MS = 15_000;

/** The protocol's `isRetryLater` (a passing refusal: send again), without loading it here. */
const retryLater = (error: { code: string; retryable?: boolean }) =>
  error.retryable === true || error.code === 'unavailable';
const TICK_MS = 1000;

/** Why a file was not even asked for: the server's limits (`attachment.policy`). */
export type FileRefusal = 'off' | 'type' | 'size';

/** Checks a picked file against the server's limits before anything is sent. */
export function checkFile(session: HandoffSession, file: File): FileRefusal | null {
  const policy = session.state.attachments;
  if (!policy) return 'off';
  if (!(policy.types as readonly string[]).includes(file.type)) return 'type';
  if (file.size > policy.maxBytes) return 'size';
  return null;
}

const address = (session: HandoffSession, path: string) =>
  new URL(path, (session.socket.io as unknown as { uri: string }).uri).href;

/**
 * The patient's file shares of one handoff session: the upload (grant → `PUT`), then the
 * `attachment.share` kept in the protocol's `Outbox` until its `ack`, resent with the same
 * `clientMessageId` after a reconnect or a lost ack (the server de-duplicates it), so a
 * file is in the conversation exactly once. The chat messages' queue lives in the session;
 * this one rides on the same socket.
 */
export class FileShares {
  readonly #session: HandoffSession;
  readonly #outbox: Outbox<Share>;
  readonly #waiting = new Map<string, (shared: boolean) => void>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(session: HandoffSession, delivery: Delivery, ackTimeoutMs = 8000) {
    this.#session = session;
    const socket = session.socket;
    this.#outbox = new delivery.Outbox<Share>({
      ackTimeoutMs,
      transmit: (frame) => socket.connected && !!socket.emit('frame', frame),
      failed: (frame) => this.#done(frame.clientMessageId, false),
    });
    socket.on('connect', () => this.#outbox.resend());
    socket.on('frame', (frame: ServerToPatient) => this.#onFrame(frame));
  }

  /** Uploads `file`, then shares it; true once the server acknowledged the share. */
  async share(file: File, caption?: string): Promise<{ shared: boolean; key?: string }> {
    const grant = await this.#grant(file);
    if (!grant) return { shared: false };
    const put = await fetch(address(this.#session, grant.uploadPath), {
      method: 'PUT',
      headers: { authorization: `Bearer ${grant.uploadToken}` },
      body: file,
      credentials: 'omit',
    }).catch(() => null);
    if (!put?.ok) return { shared: false };
    const frame = patientFrame('attachment.share', {
      conversationId: this.#session.conversationId,
      clientMessageId: newId(),
      attachmentId: grant.attachment.id,
      ...(caption?.trim() ? { caption: caption.trim() } : {}),
    });
    const key = frame.clientMessageId;
    const shared = this.#settled(key);
    this.#outbox.add(frame);
    this.#tick();
    return { shared: await shared, key };
  }

  /** Sends a share that failed again, with its original client message id. */
  retry(key: string): Promise<boolean> {
    if (!this.#outbox.entries.has(key)) return Promise.resolve(false);
    const shared = this.#settled(key);
    this.#outbox.retry(key);
    this.#tick();
    return shared;
  }

  #settled(key: string): Promise<boolean> {
    return new Promise((resolve) => this.#waiting.set(key, resolve));
  }

  #done(key: string, shared: boolean): void {
    const resolve = this.#waiting.get(key);
    this.#waiting.delete(key);
    resolve?.(shared);
  }

  #onFrame(frame: ServerToPatient): void {
    if (frame.type !== 'ack' && frame.type !== 'error') return;
    const key = frame.clientMessageId;
    if (!key || !this.#outbox.entries.has(key)) return;
    if (frame.type === 'ack') {
      this.#outbox.settle(key);
      this.#done(key, true);
    } else if (this.#outbox.refuse(key, retryLater(frame))) this.#done(key, false);
  }

  /** Resends overdue shares while any is pending (then the timer stops). */
  #tick(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#session.socket.connected) this.#outbox.tick();
      const pending = [...this.#outbox.entries.values()].some((entry) => !entry.failed);
      if (!pending) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    }, TICK_MS);
  }

  /** `attachment.upload` → `attachment.grant` (or an `error`, or nothing in 15 s: null). */
  #grant(file: File) {
    const session = this.#session;
    const upload = patientFrame('attachment.upload', {
      conversationId: session.conversationId,
      clientMessageId: newId(),
      name: file.name.replace(/[/\\\p{Cc}]/gu, '_').slice(0, 200) || 'file',
      contentType: file.type as AttachmentRef['contentType'],
      size: file.size,
    });
    type Grant = Extract<ServerToPatient, { type: 'attachment.grant' }>;
    return new Promise<Grant | null>((resolve) => {
      const socket = session.socket;
      const done = (value: Grant | null) => {
        clearTimeout(timer);
        socket.off('frame', listen);
        resolve(value);
      };
      const listen = (frame: ServerToPatient) => {
        if (frame.type !== 'attachment.grant' && frame.type !== 'error') return;
        if (frame.clientMessageId !== upload.clientMessageId) return;
        done(frame.type === 'attachment.grant' ? frame : null);
      };
      const timer = setTimeout(() => done(null), GRANT_WAIT_MS);
      socket.on('frame', listen);
      socket.emit('frame', upload);
    });
  }
}

const shares = new WeakMap<HandoffSession, Promise<FileShares>>();

/** The file shares of `session` (one queue per session). */
export function fileShares(session: HandoffSession): Promise<FileShares> {
  let found = shares.get(session);
  if (!found) {
    found = import('../client').then((delivery) => new FileShares(session, delivery));
    shares.set(session, found);
  }
  return found;
}

/** A blob URL of a shared file, fetched once with the patient's token (null: refused). */
const urls = new Map<string, Promise<string | null>>();

export function objectUrl(session: HandoffSession, id: string): Promise<string | null> {
  let url = urls.get(id);
  if (!url) {
    url = session
      .token()
      .then((token) =>
        fetch(address(session, `/api/attachments/${encodeURIComponent(id)}`), {
          headers: { authorization: `Bearer ${token ?? ''}` },
          credentials: 'omit',
        }),
      )
      .then(async (r) => (r.ok ? URL.createObjectURL(await r.blob()) : null))
      .catch(() => null);
    urls.set(id, url);
  }
  return url;
}
