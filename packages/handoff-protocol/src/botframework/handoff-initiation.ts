import {
  DirectLineRef,
  type EscalationReason,
  HandoffRequest,
  type RoutingHints,
} from '../domain/escalation';
import { PatientAttribute, PatientContext } from '../domain/patient';
import { Locale, type Priority } from '../domain/primitives';
import {
  arrayField,
  field,
  fieldIgnoringCase,
  isRecord,
  parseJson,
  recordField,
  stringField,
  type UnknownRecord,
} from '../transcript/activity';
import { type NormalizeTranscriptOptions, normalizeTranscript } from '../transcript/normalize';
import { HANDOFF_EVENT_NAMES } from './event-names';
import { type InteropResult, interopError } from './result';

export interface HandoffInitiationOptions {
  /** The patient as the widget or server knows them. Never taken from the bot's event. */
  patient: PatientContext;
  /**
   * Handoff-context keys copied into `patient.attributes` as displayable, non-clinical
   * attributes (string, number or boolean values only). Default: none — the handoff context
   * is bot-authored and may hold clinical data, so only keys the integrator names are copied.
   * An attribute already in `patient.attributes` with the same key wins.
   */
  contextAttributes?: readonly string[];
  /** Direct Line coordinates; default: `{ conversationId: activity.conversation.id }`. */
  directLine?: DirectLineRef;
  /** Passed to {@link normalizeTranscript} for the `Transcript` attachment. */
  transcript?: NormalizeTranscriptOptions;
}

const MAX_ATTRIBUTES = 64;
const MAX_SKILLS = 16;
const MAX_LABEL = 64;
const PRIORITIES: readonly Priority[] = ['routine', 'urgent', 'emergency'];

/**
 * Turns a `handoff.initiate` event, as botbuilder's
 * `EventFactory.createHandoffInitiation(context, handoffContext, transcript)` builds it, into a
 * {@link HandoffRequest}:
 * - reason `{ kind: 'bot-initiated', detail: 'handoff.initiate' }`;
 * - priority from the handoff context's `priority` (`routine|urgent|emergency`), else routine;
 * - patient from `options.patient`, plus the context keys listed in `contextAttributes`;
 * - transcript from the attachment named `Transcript` (`content.activities`; else the first
 *   `application/json` attachment holding `activities`), through {@link normalizeTranscript};
 *   none → an empty transcript;
 * - routing from context keys `department`, `skill`/`skills`, `language`/`locale` (invalid
 *   values are left out).
 * Context keys match case-insensitively (a C# bot sends `Priority`). Never throws.
 */
export function handoffRequestFromInitiation(
  activity: unknown,
  options: HandoffInitiationOptions,
): InteropResult<HandoffRequest> {
  try {
    return fromInitiation(activity, options);
  } catch {
    // Only reachable with exotic objects (throwing getters, proxies), never with JSON.
    return interopError('not_an_activity', 'The activity could not be read.');
  }
}

function fromInitiation(
  activity: unknown,
  options: HandoffInitiationOptions,
): InteropResult<HandoffRequest> {
  if (!isRecord(activity)) {
    return interopError('not_an_activity', 'Expected a Bot Framework activity object.');
  }
  if (field(activity, 'type') !== 'event') {
    return interopError('not_handoff_initiation', 'Expected an event activity.', ['type']);
  }
  if (field(activity, 'name') !== HANDOFF_EVENT_NAMES.initiate) {
    return interopError('not_handoff_initiation', 'Expected a handoff.initiate event.', ['name']);
  }
  const patient = PatientContext.safeParse(options?.patient);
  if (!patient.success) {
    const issue = patient.error.issues[0];
    return interopError('invalid_patient', 'The patient context is not valid.', [
      'patient',
      ...(issue?.path ?? []).map((key) => (typeof key === 'symbol' ? String(key) : key)),
    ]);
  }
  const context = handoffContext(activity);
  const reason: EscalationReason = { kind: 'bot-initiated', detail: HANDOFF_EVENT_NAMES.initiate };
  const request: HandoffRequest = {
    reason,
    priority: priorityOf(context),
    patient: withContextAttributes(patient.data, context, options.contextAttributes ?? []),
    transcript: normalizeTranscript(transcriptActivities(activity), options.transcript),
  };
  const directLine = directLineOf(activity, options.directLine);
  if (directLine) request.directLine = directLine;
  const routing = routingOf(context);
  if (routing) request.routing = routing;
  const checked = HandoffRequest.safeParse(request);
  if (!checked.success) {
    const path = (checked.error.issues[0]?.path ?? []).map((key) => String(key));
    return interopError('invalid_request', 'The handoff request could not be built.', path);
  }
  return { ok: true, value: checked.data };
}

function handoffContext(activity: UnknownRecord): UnknownRecord {
  const value = field(activity, 'value');
  if (isRecord(value)) return value;
  if (typeof value === 'string') {
    const parsed = parseJson(value);
    if (isRecord(parsed)) return parsed;
  }
  return {};
}

function priorityOf(context: UnknownRecord): Priority {
  const raw = fieldIgnoringCase(context, 'priority');
  const wanted = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  return PRIORITIES.find((priority) => priority === wanted) ?? 'routine';
}

function withContextAttributes(
  patient: PatientContext,
  context: UnknownRecord,
  keys: readonly string[],
): PatientContext {
  const attributes = [...(patient.attributes ?? [])];
  const taken = new Set(attributes.map((attribute) => attribute.key));
  for (const key of keys) {
    if (attributes.length >= MAX_ATTRIBUTES) break;
    if (taken.has(key)) continue;
    const raw = fieldIgnoringCase(context, key);
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
    const attribute = PatientAttribute.safeParse({
      key,
      value: String(raw).slice(0, 2000),
      displayable: true,
      clinical: false,
    });
    if (!attribute.success) continue;
    attributes.push(attribute.data);
    taken.add(key);
  }
  return attributes.length > 0 ? { ...patient, attributes } : patient;
}

function transcriptActivities(activity: UnknownRecord): readonly unknown[] {
  const attachments = arrayField(activity, 'attachments');
  const named = attachments.find(
    (attachment) => stringField(attachment, 'name')?.toLowerCase() === 'transcript',
  );
  const fallback = attachments.find(
    (attachment) =>
      stringField(attachment, 'contentType')?.toLowerCase() === 'application/json' &&
      Array.isArray(field(contentOf(attachment), 'activities')),
  );
  return arrayField(contentOf(named ?? fallback), 'activities');
}

function contentOf(attachment: unknown): unknown {
  const content = field(attachment, 'content');
  return typeof content === 'string' ? parseJson(content) : content;
}

function directLineOf(
  activity: UnknownRecord,
  given: DirectLineRef | undefined,
): DirectLineRef | undefined {
  const candidate = given ?? {
    conversationId: stringField(recordField(activity, 'conversation'), 'id'),
  };
  const checked = DirectLineRef.safeParse(candidate);
  return checked.success ? checked.data : undefined;
}

function routingOf(context: UnknownRecord): RoutingHints | undefined {
  const routing: RoutingHints = {};
  const department = label(fieldIgnoringCase(context, 'department'));
  if (department) routing.department = department;
  const skills = [
    ...new Set(
      [fieldIgnoringCase(context, 'skill'), fieldIgnoringCase(context, 'skills')]
        .flatMap((value) => (Array.isArray(value) ? value : [value]))
        .map(label)
        .filter((skill): skill is string => skill !== undefined),
    ),
  ].slice(0, MAX_SKILLS);
  if (skills.length > 0) routing.skills = skills;
  const language = fieldIgnoringCase(context, 'language') ?? fieldIgnoringCase(context, 'locale');
  if (Locale.safeParse(language).success) routing.language = language as string;
  return Object.keys(routing).length > 0 ? routing : undefined;
}

function label(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= MAX_LABEL ? trimmed : undefined;
}
