import type {
  HandoffRequest,
  PatientAttribute,
  PatientContext,
  ServerToAgent,
} from '@baton/handoff-protocol';
import type { Principal } from './principal';

/**
 * How much patient context a recipient may see. Everything in the policy's attribute rule
 * depends on this one bit: non-displayable attributes are never shown, clinical ones only
 * with the `clinical` flag. Sockets join one clearance room each, so a broadcast can be
 * filtered per recipient (see `gateway/rooms.ts`) on every node.
 */
export type Clearance = 'standard' | 'clinical';

export const CLEARANCES: readonly Clearance[] = ['standard', 'clinical'];

export function clearanceOf(principal: Principal): Clearance {
  return principal.kind === 'staff' && principal.clinical ? 'clinical' : 'standard';
}

/** Never the non-displayable attributes; clinical ones only with the clinical clearance. */
export function attributesFor(
  clearance: Clearance,
  attributes: readonly PatientAttribute[] | undefined,
): PatientAttribute[] {
  return (attributes ?? []).filter(
    (a) => a.displayable && (!a.clinical || clearance === 'clinical'),
  );
}

/** A priority decision without the matched phrase. */
export function withoutMatch<T extends { matchedText?: string }>(
  triage: T,
): Omit<T, 'matchedText'> {
  const { matchedText: _matched, ...rest } = triage;
  return rest;
}

/** The patient context as a recipient of this clearance may see it. */
export function patientContextFor(clearance: Clearance, patient: PatientContext): PatientContext {
  if (patient.attributes === undefined) return patient;
  return { ...patient, attributes: attributesFor(clearance, patient.attributes) };
}

/** A handoff request (with or without transcript) as a recipient of this clearance may see it. */
export function requestFor<
  R extends Pick<HandoffRequest, 'patient'> &
    Partial<Pick<HandoffRequest, 'statedByPatient' | 'triage' | 'reason'>>,
>(clearance: Clearance, request: R): R {
  const { statedByPatient: stated, triage, reason } = request;
  return {
    ...request,
    patient: patientContextFor(clearance, request.patient),
    // What the patient stated passes the same filter as the verified context.
    ...(stated?.attributes
      ? { statedByPatient: { ...stated, attributes: attributesFor(clearance, stated.attributes) } }
      : {}),
    // The red-flag phrase found is health information: clinical clearance only.
    ...(triage?.matchedText !== undefined && clearance !== 'clinical'
      ? { triage: withoutMatch(triage) }
      : {}),
    // The phrase the browser's detector matched, likewise.
    ...(reason?.matchedText !== undefined && clearance !== 'clinical'
      ? { reason: withoutMatch(reason) }
      : {}),
  };
}

/**
 * The one filter every server → staff frame passes through before it leaves the server
 * (socket emits, room broadcasts). Frames that carry no patient context come back as the
 * same object, so a broadcast needs one emit for everyone. Queue items and dashboard
 * summaries carry only the display name, locale and routing facts, never attributes; adding
 * patient context to any frame means adding its case here (the switch is exhaustive).
 */
export function staffFrame(clearance: Clearance, frame: ServerToAgent): ServerToAgent {
  switch (frame.type) {
    case 'conversation.assigned':
    case 'conversation.transcript':
    case 'patient.history.transcript':
      return { ...frame, request: requestFor(clearance, frame.request) };
    case 'agent.assignments':
      return {
        ...frame,
        assignments: frame.assignments.map((a) => ({
          ...a,
          request: requestFor(clearance, a.request),
        })),
      };
    case 'queue.snapshot':
    case 'queue.update':
    case 'supervisor.snapshot':
    case 'supervisor.update':
    case 'followup.snapshot':
    case 'followup.update':
    case 'message':
    case 'typing':
    case 'read':
    case 'note':
    case 'conversation.state':
    case 'appointment.selected':
    case 'survey.completed':
    case 'ack':
    case 'log.hidden':
    case 'resync':
    case 'error':
    case 'content.items':
    case 'content.changed':
    case 'actions.available':
    case 'wrap_up.saved':
    case 'consult.invited':
    case 'consult.message':
    case 'patient.history':
    case 'whisper':
    case 'supervisor.joined':
    case 'appointment.cancelled':
    case 'attachment.grant':
    case 'attachment':
    case 'staff.profile':
      return frame;
    default: {
      const never: never = frame;
      throw new TypeError(`no staff view for ${String((never as { type?: unknown }).type)}`);
    }
  }
}
