import type { StaffPrincipal } from '../../auth/principal';
import type { AgentAckFrame, AgentFrame } from '../frames';
import { logKey } from '../log-record';
import { refuse } from '../refusals';
import { ackFrame, followUpRecord, sameEarlier } from './commit';
import type { FollowUpContext } from './types';

/**
 * Call invitations: an agent holding the conversation sends a `call.offer` (an https join
 * link, checked by the protocol schema, and an expiry); it is logged with a `seq` and sent
 * to the patient. An offer that has already expired is refused.
 */
export class CallFlow {
  readonly #ctx: FollowUpContext;

  constructor(ctx: FollowUpContext) {
    this.#ctx = ctx;
  }

  async offer(staff: StaffPrincipal, frame: AgentFrame<'call.offer'>): Promise<AgentAckFrame> {
    const { core, access, clock } = this.#ctx;
    const { conversationId, call } = frame;
    const key = logKey('agent', frame.clientMessageId);
    const event = { type: 'call.offer' as const, call };
    const outcome = await core.run(conversationId, async () => {
      const conversation = await access.staff(staff, conversationId);
      const log = await core.readLog(conversationId);
      const earlier = sameEarlier(log, key, staff.staffId, event);
      if (earlier) return { record: earlier, fresh: false };
      if (conversation.state !== 'assigned') throw refuse.illegal(conversation.state, 'call.offer');
      if (Date.parse(call.expiresAt) <= clock.now())
        throw refuse.invalid('The call offer has already expired');
      const record = await core.append(
        conversationId,
        followUpRecord(key, 'agent', staff.staffId, event),
      );
      return { record, fresh: true };
    });
    if (outcome.fresh) {
      this.#ctx.notify({
        type: 'call.offered',
        conversationId,
        callId: call.callId,
        seq: outcome.record.seq,
      });
    }
    return ackFrame(conversationId, frame.clientMessageId, outcome.record.seq);
  }
}
