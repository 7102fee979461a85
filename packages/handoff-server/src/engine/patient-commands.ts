import { ackMessage, BatonProtocolError, type ServerToPatient } from '@baton/handoff-protocol';
import type { ConversationAction } from '../auth/policy';
import type { PatientPrincipal } from '../auth/principal';
import { HandoffServerError } from '../internal/errors';
import { patientZoneOf } from '../patient-context/request-zone';
import type { HandoffCommit, NewHandoff } from '../storage/durability';
import type { ConversationRecord, MessageRecord, NewMessage } from '../storage/records';
import { type EngineCore, errorCode, isLive, retryable } from './core';
import type { PatientAckFrame, PatientFrame } from './frames';
import {
  announceEnqueued,
  placementDeadlines,
  placeOnRequest,
  tellQueued,
} from './handoff-placement';
import type { ConversationLifecycle } from './lifecycle';
import { type LogBody, logKey, newEventRecord, newLogRecord, sameText } from './log-record';
import { CHAT_STATES, MESSAGE_AUDITED_WHEN_ALLOWED, mayChat } from './patient-chat';
import { intakeRequest } from './patient-intake';
import { replayForPatient } from './patient-replay';
import { refuse } from './refusals';
import { KeyedSerialQueue } from './serial-queue';
import { appendBotEntry } from './transcript-append';

/** What a patient can do. Every path checks the patient owns the conversation. */
export class PatientCommands {
  readonly #core: EngineCore;
  readonly #lifecycle: ConversationLifecycle;
  readonly #intake = new KeyedSerialQueue();

  constructor(core: EngineCore, lifecycle: ConversationLifecycle) {
    this.#core = core;
    this.#lifecycle = lifecycle;
  }

  /** The conversation, if this patient may do `action` with it (denials are audited). */
  async authorize(
    patient: PatientPrincipal,
    conversationId: string,
    action: ConversationAction = 'view',
  ): Promise<ConversationRecord> {
    const { store, guard } = this.#core;
    const conversation = await store.getConversation(conversationId).catch((error: unknown) => {
      throw retryable(error);
    });
    if (!conversation) {
      await guard.missingConversation(patient, conversationId, action);
      throw refuse.forbidden();
    }
    const decision = await guard.conversation(patient, conversation, action);
    if (!decision.allowed) throw refuse.forbidden();
    return conversation;
  }

  /** At most one live handoff per patient: another conversation's request is refused. */
  async #onlyOpenHandoff(patient: PatientPrincipal, conversationId: string): Promise<void> {
    const live = await this.#core.store
      .listConversations({ patientId: patient.patientId, states: [...CHAT_STATES] as never })
      .catch((error: unknown) => {
        throw retryable(error);
      });
    if (live.some((c) => c.id !== conversationId))
      throw new BatonProtocolError(
        'handoff_in_progress',
        'You already have a conversation with our team open; continue there',
      );
  }

  async handoffRequest(
    patient: PatientPrincipal,
    frame: PatientFrame<'handoff.request'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const core = this.#core;
    const { conversationId } = frame;
    const key = logKey('patient', frame.clientMessageId);
    // The server binds the conversation to the authenticated patient, whatever the frame
    // says: verified context only, the browser's words apart, priority decided here.
    const request = await intakeRequest(patient, frame.request, core.patientContext);
    const { transcript, ...requestInfo } = request;
    const zone = patientZoneOf(request);
    // Committed with the request: no window where a request exists without its deadlines.
    const deadlines = [
      { kind: 'queue' as const, delayMs: core.timeouts.queueTimeoutMs },
      { kind: 'idle' as const, delayMs: core.timeouts.patientIdleMs },
    ];
    // One patient's requests one at a time (two tabs at once): the one-live-handoff check
    // and the commit cannot interleave on this node.
    const outcome = await this.#intake.run(patient.patientId, () =>
      core.run(conversationId, async () => {
        if (patient.conversationId !== null && patient.conversationId !== conversationId) {
          await core.guard.missingConversation(patient, conversationId, 'view');
          throw refuse.forbidden();
        }
        const existing = await core.store.getConversation(conversationId);
        if (existing) {
          const decision = await core.guard.conversation(patient, existing, 'view');
          if (!decision.allowed) throw refuse.forbidden();
        }
        await this.#onlyOpenHandoff(patient, conversationId);
        onAuthorized?.();
        const placement = await placeOnRequest(core, conversationId, request, existing);
        const due = [...deadlines, ...placementDeadlines(core, placement)];
        const requestedAt = new Date().toISOString();
        const commit = await this.#commitHandoff(existing, {
          conversationId,
          patientId: patient.patientId,
          priority: request.priority,
          transcript,
          entry: newEventRecord({ type: 'handoff.request', request: requestInfo }, key),
          reopenFrom: ['returned_to_bot'],
          ...(zone ? { patientTimeZone: zone } : {}),
          // Why it escalated, for the period analytics (a code, never the patient's words):
          // in the same commit, so the request costs one fsync before the adapter is called.
          escalation: { kind: request.reason.kind, requestedAt },
          deadlines: due.map(({ kind, delayMs }) => ({
            kind,
            dueAt: new Date(Date.now() + delayMs).toISOString(),
          })),
          ...(placement ? { enqueue: { queue: placement.queue } } : {}),
        });
        if (commit.duplicate)
          return { seq: commit.message.seq, fresh: false, requestedAt, queued: null };
        core.rememberRequest(conversationId, requestInfo);
        const { requested } = commit;
        core.changed(commit.previous, requested ?? commit.conversation, 'request');
        core.deliver(commit.message);
        for (const { kind, delayMs } of due) core.timers.armed(kind, conversationId, delayMs);
        if (requested) announceEnqueued(core, requested, commit.conversation);
        const queued = requested && placement ? placement : null;
        return { seq: commit.message.seq, fresh: true, requestedAt, queued };
      }),
    );
    if (outcome.fresh && outcome.queued) tellQueued(core, conversationId, outcome.queued);
    else if (outcome.fresh) {
      const { requestedAt } = outcome;
      core.dispatch(conversationId, 'handoff', async () => {
        try {
          await core.adapter.handoff({ conversationId, request, requestedAt });
        } catch (error) {
          core.logger.warn(
            { conversationId, adapter: core.adapter.name, err: errorCode(error) },
            'adapter refused handoff',
          );
          await core.run(conversationId, async () => {
            const current = await core.store.getConversation(conversationId);
            if (current && (current.state === 'handoff_requested' || current.state === 'queued')) {
              await this.#lifecycle.fail(current, 'adapter-failed');
            }
          });
        }
      });
    }
    core.metrics?.messageAcked('patient');
    return ackMessage(conversationId, frame.clientMessageId, outcome.seq);
  }

  /**
   * Commits the request in one transaction. A conversation an older version left half-written
   * (`handoff_requested` without its request entry) takes the patient's retry.
   */
  async #commitHandoff(existing: ConversationRecord | null, input: NewHandoff) {
    const core = this.#core;
    const halfWritten =
      existing?.state === 'handoff_requested' && (await core.request(existing.id)) === null;
    let commit: HandoffCommit;
    try {
      commit = await core.store.createHandoff(
        halfWritten ? { ...input, reopenFrom: [...input.reopenFrom, 'handoff_requested'] } : input,
      );
    } catch (error) {
      if (HandoffServerError.is(error, 'conflict')) {
        throw refuse.conflict('The conversation was created concurrently; retry the request');
      }
      throw error;
    }
    if (!commit.ok) throw refuse.illegal(commit.current.state, 'handoff.request');
    return commit;
  }

  async message(
    patient: PatientPrincipal,
    frame: PatientFrame<'message'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const core = this.#core;
    const { conversationId } = frame;
    const key = logKey('patient', frame.clientMessageId);
    const record = await core.run(conversationId, async () => {
      // Built field by field (every patient message passes here).
      const body: Extract<LogBody, { kind: 'chat' }> = { kind: 'chat', text: frame.text };
      if (frame.textFormat) body.textFormat = frame.textFormat;
      const entry = newLogRecord(key, 'patient', patient.patientId, body);
      // Allowed and chatting: the read, the checks and the append in one store step. Anything
      // else takes the full path below, which audits a denial and answers a late retry.
      const appended =
        (MESSAGE_AUDITED_WHEN_ALLOWED
          ? null
          : await core.appendIfAllowed(
              conversationId,
              entry,
              (conversation) => mayChat(patient, conversation),
              onAuthorized,
            )) ?? (await this.#checkedAppend(patient, conversationId, entry, frame, onAuthorized));
      if (appended.senderId !== patient.patientId)
        throw refuse.conflict('clientMessageId already used');
      if (appended.duplicate) return sameText(appended, frame.text);
      await core.activity.touch(conversationId);
      return appended;
    });
    if (!record.duplicate) {
      const { seq, createdAt: at } = record;
      const { text, textFormat } = frame;
      const message = textFormat ? { seq, text, textFormat, at } : { seq, text, at };
      core.dispatch(conversationId, 'patientMessage', () =>
        core.adapter.patientMessage(conversationId, message),
      );
    }
    core.metrics?.messageAcked('patient');
    return ackMessage(conversationId, frame.clientMessageId, record.seq);
  }

  /** The message's append after the conversation was authorized and its state checked. */
  async #checkedAppend(
    patient: PatientPrincipal,
    conversationId: string,
    entry: NewMessage,
    frame: PatientFrame<'message'>,
    onAuthorized?: () => void,
  ): Promise<MessageRecord & { duplicate: boolean }> {
    const core = this.#core;
    const conversation = await this.authorize(patient, conversationId, 'message');
    onAuthorized?.();
    if (!CHAT_STATES.has(conversation.state)) {
      const earlier = await core.findByKey(conversationId, entry.clientMessageId);
      if (earlier) return sameText({ ...earlier, duplicate: true }, frame.text);
      throw refuse.illegal(conversation.state, 'message');
    }
    return core.append(conversationId, entry);
  }

  /** `transcript.append`: a bot reply after the handoff request (see `transcript-append.ts`). */
  transcriptAppend(
    patient: PatientPrincipal,
    frame: PatientFrame<'transcript.append'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const authorize = (p: PatientPrincipal, id: string) => this.authorize(p, id, 'message');
    return appendBotEntry(this.#core, authorize, patient, frame, onAuthorized);
  }

  async typing(patient: PatientPrincipal, frame: PatientFrame<'typing'>): Promise<void> {
    const core = this.#core;
    const conversation = await this.authorize(patient, frame.conversationId);
    if (conversation.state !== 'assigned') return;
    void core.activity.touch(conversation.id);
    // Ephemeral: the adapter carries it to the agent side (the desk: to the agents watching).
    core.adapter.patientTyping?.(conversation.id, frame.active);
  }

  async read(patient: PatientPrincipal, frame: PatientFrame<'read'>): Promise<void> {
    const core = this.#core;
    const conversation = await this.authorize(patient, frame.conversationId);
    if (!isLive(conversation)) return;
    void core.activity.touch(conversation.id);
    // Kept with the conversation first: a console opened after the agent saw it (a reload)
    // shows it again.
    await core.markRead(conversation.id, 'patient', frame.upToSeq);
    core.adapter.patientRead?.(conversation.id, frame.upToSeq);
  }

  async leave(patient: PatientPrincipal, frame: PatientFrame<'leave'>): Promise<void> {
    const core = this.#core;
    await core.run(frame.conversationId, async () => {
      const conversation = await this.authorize(patient, frame.conversationId, 'end');
      if (!isLive(conversation)) return;
      await this.#lifecycle.patientGone(conversation, 'leave');
    });
  }

  /** Every logged frame after `sinceSeq`, then `resumed` (see `patient-replay.ts`). */
  replay(
    conversation: ConversationRecord,
    frame: PatientFrame<'resume'>,
  ): Promise<ServerToPatient[]> {
    return replayForPatient(this.#core, conversation, frame);
  }
}
