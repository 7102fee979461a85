import { isRetryLater } from '@baton/handoff-protocol';
import { readServerFrame } from './inbound';
import {
  type Command,
  command,
  forget,
  resume,
  type SessionCore,
  save,
  unavailable,
  update,
} from './session-core';
import { applyServerFrame, TERMINAL_PHASES } from './state';
import { acknowledge, setDelivery } from './thread';

type Settlement =
  | { type: 'ack'; clientMessageId: string; seq: number }
  | { type: 'error'; code: string; retryable: boolean; clientMessageId?: string };

/** The state field each follow-up command settles (`appointment.cancel`/`reschedule`: `change`). */
const FOLLOW_UP_FORMS: Partial<Record<string, 'survey' | 'appointment' | 'fallback'>> = {
  'survey.response': 'survey',
  'appointment.select': 'appointment',
  'fallback.select': 'fallback',
};

function settledForm<F extends { status: string; error?: string }>(form: F, error?: string): F {
  const { error: _previous, ...rest } = form;
  return { ...rest, status: error ? 'error' : 'done', ...(error ? { error } : {}) } as F;
}

/** A frame from the server: read, de-duplicated by seq, applied; the resume handle kept. */
export function receiveFrame(s: SessionCore, input: unknown): void {
  const frame = readServerFrame(input);
  const id = frame && (frame as { conversationId?: string }).conversationId;
  if (!frame || (id && id !== s._handoffState.conversationId)) return;
  const inbox = s._inbox;
  const held = inbox.contiguous;
  const before = s._handoffState.phase;
  if (frame.type === 'resumed') inbox.close(frame.lastSeq); // the replay held all up to there
  switch (frame.type) {
    case 'ack':
      inbox.accept(frame.seq);
      settle(s, frame);
      break;
    case 'error':
      if (frame.code === 'token_expired') s._tokenExpired = true;
      else if (frame.clientMessageId) settle(s, frame);
      // A refused resume: the conversation is gone or not this patient's.
      else if (frame.code === 'not_found' || frame.code === 'forbidden') unavailable(s, frame.code);
      return;
    case 'resync':
      if (s._requestAcked) resume(s);
      return;
    case 'log.hidden':
      inbox.accept(frame.seq);
      break;
    default:
      if ('seq' in frame && !inbox.accept(frame.seq)) return; // held already
      update(s, applyServerFrame(s._handoffState, frame));
  }
  const { phase, survey } = s._handoffState;
  // An unanswered end-of-chat survey keeps the handle: after a reload the log shows it again.
  if (survey?.status === 'open') save(s);
  else if (TERMINAL_PHASES.has(phase)) {
    if (phase !== before) forget(s);
  } else if (inbox.contiguous !== held || frame.type === 'read') save(s);
}

/** An `ack` or an `error` about one of our commands. */
function settle(s: SessionCore, frame: Settlement): void {
  const key = frame.clientMessageId ?? '';
  const outbox = s._outbox;
  const entry = outbox.entries.get(key);
  if (!entry) {
    if (frame.type === 'ack') update(s, acknowledge(s._handoffState, key, frame.seq));
    return;
  }
  const type = entry.frame.type;
  if (frame.type === 'ack') {
    outbox.settle(key);
    settled(s, entry.frame, undefined, frame.seq, entry.attempts > 1);
    return;
  }
  // Chat messages and the request are resent on a passing failure (`unavailable` during a
  // store outage); a follow-up's refusal (no free slot: `unavailable`) is the patient's.
  const later = (type === 'message' || type === 'handoff.request') && isRetryLater(frame);
  if (outbox.refuse(key, later)) settled(s, entry.frame, frame.code);
}

/** A command settled: acknowledged as `seq`, or given up on with `error`. */
export function settled(s: SessionCore, sent: Command, error?: string, seq = 0, retried = false) {
  const key = sent.clientMessageId;
  const state = s._handoffState;
  if (sent.type === 'message') {
    // A failed message stays in the outbox, shown as not sent until the patient retries.
    update(s, error ? setDelivery(state, key, 'failed') : acknowledge(state, key, seq));
    return;
  }
  s._outbox.settle(key);
  if (sent.type === 'transcript.append') return; // nothing to show: the agent has it
  if (sent.type === 'handoff.request') {
    if (error) {
      const fallback = s._fallback;
      s._fallback = undefined;
      if (fallback && /^(invalid_message|frame_too_large)$/.test(error))
        command(s, 'handoff.request', { request: fallback });
      else unavailable(s, error);
      return;
    }
    retried ||= !!s._requestAcked;
    s._requestAcked = true;
    save(s);
    s._outbox.resend(); // what was held back behind the request
    // A retried request may have been committed before: catch up on what we missed.
    if (retried) resume(s);
    return;
  }
  // A follow-up form (survey, appointment slot, fallback choice): done, or its error.
  const field = FOLLOW_UP_FORMS[sent.type] ?? 'change';
  const form = state[field];
  if (form) update(s, { ...state, [field]: settledForm(form, error) });
  // The survey answered after the end: nothing is left to come back to.
  if (field === 'survey' && !error && TERMINAL_PHASES.has(state.phase)) forget(s);
}
