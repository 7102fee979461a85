import type { CallOffer } from '@baton/handoff-protocol';
import { agentMessage } from '@baton/handoff-protocol';
import type { StaffPrincipal } from '../../auth/principal';
import type { CallProvider } from '../../calls/provider';
import { HandoffServerError } from '../../internal/errors';
import type { MessageRecord } from '../../storage/records';
import type { AgentAckFrame, AgentFrame } from '../frames';
import { logKey, readBody } from '../log-record';
import { refuse } from '../refusals';
import { ackFrame, followUpRecord, sameEarlier } from './commit';
import type { FollowUpContext } from './types';

/** What `start` gives the agent: the offer sent to the patient and her own link. */
export interface StartedCall {
  ack: AgentAckFrame;
  call: CallOffer;
  /** Null when this repeats an earlier start (the meeting was made then). */
  agentJoinUrl: string | null;
}

/** How long a call started by the server is offered. */
export const DEFAULT_CALL_TTL_MS = 30 * 60_000;

/**
 * Call invitations: an agent holding the conversation sends a `call.offer` (an https join
 * link, checked by the protocol schema, and an expiry); it is logged with a `seq` and sent
 * to the patient. An offer that has already expired is refused. With a `CallProvider`, the
 * server makes the meeting itself (`start`): the patient's link goes out as the offer, the
 * agent's comes back to her.
 */
export class CallFlow {
  readonly #ctx: FollowUpContext;
  readonly #provider: CallProvider | null;
  readonly #ttlMs: number;

  constructor(
    ctx: FollowUpContext,
    provider: CallProvider | null = null,
    ttlMs = DEFAULT_CALL_TTL_MS,
  ) {
    this.#ctx = ctx;
    this.#provider = provider;
    this.#ttlMs = ttlMs;
  }

  /** The configured provider's name, or null (then agents paste a link themselves). */
  get providerName(): string | null {
    return this.#provider?.name ?? null;
  }

  /**
   * Makes a meeting with the provider and offers it: access and state are checked first (a
   * refused agent creates no meeting); a repeated `clientMessageId` returns the first offer.
   */
  async start(
    staff: StaffPrincipal,
    conversationId: string,
    clientMessageId: string,
  ): Promise<StartedCall> {
    const { core, access, clock } = this.#ctx;
    if (!this.#provider)
      throw new HandoffServerError('call_provider_unavailable', 'No call provider is configured');
    const key = logKey('agent', clientMessageId);
    const earlier = await core.run(conversationId, async () => {
      const conversation = await access.staff(staff, conversationId);
      const found = await core.findByKey(conversationId, key);
      if (!found && conversation.state !== 'assigned')
        throw refuse.illegal(conversation.state, 'call.offer');
      return found;
    });
    if (earlier) {
      const call = callOf(earlier);
      if (call)
        return {
          ack: ackFrame(conversationId, clientMessageId, earlier.seq),
          call,
          agentJoinUrl: null,
        };
    }
    const meeting = await this.#provider.createMeeting({
      conversationId,
      agentId: staff.staffId,
      expiresAt: new Date(clock.now() + this.#ttlMs).toISOString(),
    });
    const call: CallOffer = {
      callId: meeting.callId,
      provider: meeting.provider,
      joinUrl: meeting.patientJoinUrl,
      expiresAt: meeting.expiresAt,
    };
    const ack = await this.offer(
      staff,
      agentMessage('call.offer', {
        conversationId,
        clientMessageId,
        call,
      }) as AgentFrame<'call.offer'>,
    );
    return { ack, call, agentJoinUrl: meeting.agentJoinUrl };
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

function callOf(record: MessageRecord): CallOffer | null {
  const body = readBody(record);
  return body.kind === 'followup' && body.event.type === 'call.offer' ? body.event.call : null;
}
