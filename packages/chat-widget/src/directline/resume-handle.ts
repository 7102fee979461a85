/**
 * The only thing the widget keeps across a page reload: which conversation to resume, up to
 * which watermark, until when. No transcript, no token. Cleared when the chat ends.
 */
export interface ResumeHandle {
  conversationId: string;
  watermark?: string;
  /** Epoch ms after which the handle is ignored. */
  expiresAt: number;
  /** Opaque server-issued proof binding the conversation to the signed-in patient. */
  resumeBinding?: string;
  /** A handoff under way: its conversation id and the last `seq` seen (no text, no token). */
  handoff?: HandoffHandle;
}

export interface HandoffHandle {
  conversationId: string;
  lastSeq: number;
  /** The highest seq the agent had read: "Seen" survives a reload (the log does not keep it). */
  seenUpTo?: number;
}

function validHandoff(value: unknown): boolean {
  if (value === undefined) return true;
  const handoff = value as Partial<HandoffHandle> | null;
  return (
    typeof handoff === 'object' &&
    handoff !== null &&
    typeof handoff.conversationId === 'string' &&
    /^[\x21-\x7e]{1,128}$/.test(handoff.conversationId) &&
    Number.isSafeInteger(handoff.lastSeq) &&
    (handoff.lastSeq as number) >= 0 &&
    (handoff.seenUpTo === undefined || Number.isSafeInteger(handoff.seenUpTo))
  );
}

export const RESUME_STORAGE_KEY = 'baton.resume.v1';

export function readResumeHandle(storage: Storage | null, now = Date.now()): ResumeHandle | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(RESUME_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    const handle = parsed as Partial<ResumeHandle>;
    const valid =
      typeof handle === 'object' &&
      handle !== null &&
      typeof handle.conversationId === 'string' &&
      handle.conversationId.length > 0 &&
      handle.conversationId.length <= 256 &&
      typeof handle.expiresAt === 'number' &&
      (handle.watermark === undefined || typeof handle.watermark === 'string') &&
      (handle.resumeBinding === undefined || typeof handle.resumeBinding === 'string') &&
      validHandoff(handle.handoff);
    if (!valid || (handle.expiresAt as number) <= now) {
      storage.removeItem(RESUME_STORAGE_KEY);
      return null;
    }
    return handle as ResumeHandle;
  } catch {
    return null; // storage blocked (privacy mode, sandboxed frame): no resume, no failure
  }
}

export function writeResumeHandle(storage: Storage | null, handle: ResumeHandle): void {
  try {
    storage?.setItem(RESUME_STORAGE_KEY, JSON.stringify(handle));
  } catch {
    // quota or blocked storage: resuming is a convenience, not a requirement
  }
}

export function clearResumeHandle(storage: Storage | null): void {
  try {
    storage?.removeItem(RESUME_STORAGE_KEY);
  } catch {
    // ignore
  }
}

export function defaultStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
