import type { FallbackOption } from '@baton/handoff-protocol';
import { BatonProtocolError } from '@baton/handoff-protocol';
import type { PatientPrincipal } from '../../auth/principal';
import type { MessageRecord } from '../../storage/records';
import type { PatientAckFrame, PatientFrame } from '../frames';
import { logKey, readBody } from '../log-record';
import { refuse } from '../refusals';
import type { AppointmentFlow } from './appointments';
import { ackFrame, followUpRecord, followUpsOfType, sameEarlier } from './commit';
import type { FollowUpContext } from './types';
import type { FollowUpWorklist } from './worklist';

const FAILED_STATES = new Set(['failed', 'expired']);

/**
 * The patient's pick after `handoff.failed`: a message left for the team, a callback
 * request (E.164 phone), or an appointment (the server follows with an offer of free
 * slots). The pick is a log entry, so its text and phone number are encrypted at rest with
 * the rest of the log; staff read it in `conversation.transcript`.
 */
export class FallbackFlow {
  readonly #ctx: FollowUpContext;
  readonly #appointments: AppointmentFlow;

  readonly #worklist: FollowUpWorklist | undefined;

  constructor(
    ctx: FollowUpContext,
    appointments: AppointmentFlow,
    _slotWindowMs: number,
    worklist?: FollowUpWorklist,
  ) {
    this.#ctx = ctx;
    this.#appointments = appointments;
    this.#worklist = worklist;
  }

  async select(
    patient: PatientPrincipal,
    frame: PatientFrame<'fallback.select'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const { core, access } = this.#ctx;
    const { conversationId, choice } = frame;
    const key = logKey('patient', frame.clientMessageId);
    const event = { type: 'fallback.selected' as const, choice };
    const offerKey = logKey('event', `fallback-offer:${key}`);
    const outcome = await core.run(conversationId, async () => {
      const conversation = await access.patient(patient, conversationId);
      onAuthorized?.();
      const log = await core.readLog(conversationId);
      const earlier = sameEarlier(log, key, patient.patientId, event);
      if (earlier) {
        if (choice.option === 'appointment')
          await this.#appointments.offerFreeSlots(conversationId, offerKey);
        return { record: earlier, fresh: false, conversation };
      }
      if (!FAILED_STATES.has(conversation.state))
        throw refuse.illegal(conversation.state, 'fallback.select');
      if (!offeredFallbacks(log).includes(choice.option))
        throw refuse.invalid('This fallback was not offered');
      if (
        followUpsOfType(log, 'fallback.selected').some(
          (f) => f.event.choice.option === choice.option,
        )
      )
        throw refuse.conflict('This fallback was already chosen');
      if (choice.option === 'appointment') {
        const query = await this.#appointments.slotQuery(conversationId);
        const slots = await this.#ctx.scheduling.searchFreeSlots({ ...query, max: 1 });
        if (slots.length === 0)
          throw new BatonProtocolError('unavailable', 'No appointment slot is free; try later');
      }
      const record = await core.append(
        conversationId,
        followUpRecord(key, 'patient', patient.patientId, event),
      );
      if (choice.option === 'appointment')
        await this.#appointments.offerFreeSlots(conversationId, offerKey);
      return { record, fresh: true, conversation };
    });
    // Before the ack: an acknowledged pick is in the worklist (a retry re-creates it if not).
    await this.#worklist?.fromFallback(outcome.conversation, choice);
    if (outcome.fresh) {
      this.#ctx.notify({
        type: 'fallback.selected',
        conversationId,
        option: choice.option,
        seq: outcome.record.seq,
      });
    }
    return ackFrame(conversationId, frame.clientMessageId, outcome.record.seq);
  }
}

/** The fallbacks of the last `handoff.failed` in the log. */
function offeredFallbacks(log: readonly MessageRecord[]): FallbackOption[] {
  let offered: FallbackOption[] = [];
  for (const record of log) {
    const body = readBody(record);
    if (body.kind === 'event' && body.event.type === 'handoff.failed')
      offered = body.event.fallbacks;
  }
  return offered;
}
