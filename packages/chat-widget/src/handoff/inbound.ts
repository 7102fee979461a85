import type { ServerToPatient } from '@baton/handoff-protocol';

/**
 * A light check of the frames the server sends to the patient, instead of the protocol's
 * zod parser (`parseServerToPatient`, about 10 KB gzip in the browser, two thirds of the
 * handoff chunk's budget). The server is the one the portal configured and it validates
 * everything it stores, so this guards the widget against bugs and version skew rather than
 * attack: every field the widget reads is checked for its type and bounds, unknown types and
 * malformed frames are dropped (never a crash), and everything is rendered as inert text.
 * `inbound.test.ts` checks it against the protocol parser on the spec's own examples.
 */
type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text =
  (max: number, min = 1): Check =>
  (value) =>
    typeof value === 'string' && value.length >= min && value.length <= max;
const int =
  (min: number): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min;
const oneOf =
  (...values: unknown[]): Check =>
  (value) =>
    values.includes(value);
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
const list =
  (check: Check, max: number, min = 0): Check =>
  (value) =>
    Array.isArray(value) && value.length >= min && value.length <= max && value.every(check);
const shape =
  (fields: Record<string, Check>): Check =>
  (value) =>
    isObject(value) && Object.entries(fields).every(([key, check]) => check(value[key]));

const id = text(128);
const seq = int(0);
const bool: Check = (value) => typeof value === 'boolean';
const agent = shape({
  id,
  displayName: text(100),
  initials: optional(text(3)),
  title: optional(text(100)),
});
const queue = shape({
  queue: text(64),
  position: int(1),
  estimatedWaitSeconds: (value) => value === null || int(0)(value),
});
const choice = shape({ id, label: text(200) });
const question = shape({
  id,
  kind: oneOf('rating', 'single-choice', 'multiple-choice', 'free-text'),
  prompt: text(500),
  required: bool,
  options: optional(list(choice, 20, 2)),
  maxLength: optional(int(1)),
});
const slot = shape({
  id,
  start: text(64),
  end: text(64),
  schedule: optional(shape({ display: optional(text(500)) })),
  serviceType: optional(list(shape({ text: optional(text(500)) }), 20)),
});
const booking = { seq, appointment: shape({ id, start: text(64), end: text(64) }) };
const https: Check = (value) => text(2048)(value) && /^https:\/\//i.test(value as string);

const FRAMES: Record<ServerToPatient['type'], Record<string, Check>> = {
  ack: { clientMessageId: id, seq },
  'handoff.queued': { queue },
  'agent.joined': { seq, agent },
  'agent.left': { seq, agent, reason: oneOf('disconnected'), requeued: bool },
  message: {
    seq,
    from: oneOf('patient', 'agent', 'system'),
    text: text(4000),
    agent: optional(agent),
    clientMessageId: optional(id),
    textFormat: optional(oneOf('plain', 'markdown')),
  },
  typing: { from: oneOf('agent'), active: bool },
  read: { by: oneOf('agent'), upToSeq: seq },
  'handoff.ended': { seq, endedBy: text(32), reason: text(32) },
  'handoff.failed': {
    seq,
    reason: text(32),
    fallbacks: list(text(32), 3),
    notice: optional(text(1000)),
  },
  'survey.request': {
    seq,
    survey: shape({ id, title: text(200), questions: list(question, 20, 1) }),
  },
  'appointment.offer': { seq, offer: shape({ offerId: id, slots: list(slot, 20, 1) }) },
  'appointment.confirmed': booking,
  'appointment.cancelled': booking,
  'call.offer': {
    seq,
    call: shape({ callId: id, provider: text(32), joinUrl: https, expiresAt: text(64) }),
  },
  returned_to_bot: { seq },
  resumed: { lastSeq: seq, state: text(32), agent: optional(agent), queue: optional(queue) },
  'log.hidden': { seq },
  resync: {},
  'supervisor.joined': { seq, supervisor: agent },
  // The grant is read by the files chunk from the socket; the session only lets it pass.
  'attachment.grant': { clientMessageId: id },
  attachment: {
    seq,
    from: text(16),
    attachment: shape({ id, name: text(200), contentType: text(64), size: seq }),
    caption: optional(text(4000)),
    agent: optional(agent),
  },
  'attachment.policy': {
    attachments: (value) => value === null || shape({ maxBytes: seq, types: list(id, 10) })(value),
  },
  error: {
    code: text(64),
    message: text(1000, 0),
    retryable: bool,
    clientMessageId: optional(id),
    inReplyTo: optional(id),
  },
};

/** The frame if it is one the widget understands and its fields hold what it reads; else null. */
export function readServerFrame(input: unknown): ServerToPatient | null {
  if (!isObject(input) || input.v !== 1 || typeof input.type !== 'string') return null;
  const fields = Object.hasOwn(FRAMES, input.type)
    ? FRAMES[input.type as ServerToPatient['type']]
    : undefined;
  if (!fields || !id(input.id) || !text(64)(input.ts)) return null;
  if (input.type !== 'error' && input.type !== 'resync' && !id(input.conversationId)) return null;
  return shape(fields)(input) ? (input as ServerToPatient) : null;
}
