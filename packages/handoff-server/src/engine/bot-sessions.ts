import type { PatientPrincipal } from '../auth/principal';
import { isTimeZone } from '../insights/time-zone';
import { HandoffServerError } from '../internal/errors';
import type { BotSessionRecord } from '../storage/bot-sessions';
import type { EngineCore } from './core';
import type { PatientFrame } from './frames';
import { refuse } from './refusals';

/** A bot session was registered, moved on, or closed (the dashboard's live rows). */
export type BotSessionListener = (session: BotSessionRecord) => void;

/**
 * Bot conversations the widget registers (`bot.started`, `bot.activity`, `bot.ended`): ids,
 * locale, entry page and outcome, never message text. Each open one has a durable
 * `bot-idle` deadline: without activity for `botSessionIdleMs` it is closed as `abandoned`
 * by exactly one node. Bound to the patient of the token that registered it.
 */
export class BotSessions {
  readonly listeners = new Set<BotSessionListener>();
  readonly #core: EngineCore;

  constructor(core: EngineCore) {
    this.#core = core;
  }

  async started(patient: PatientPrincipal, frame: PatientFrame<'bot.started'>): Promise<void> {
    this.#checkBinding(patient, frame.conversationId);
    const { store, timeouts } = this.#core;
    const { session, created } = await store
      .startBotSession({
        id: frame.conversationId,
        patientId: patient.patientId,
        locale: frame.locale,
        entryPath: frame.entryPath ?? null,
        startedAt: new Date().toISOString(),
        // A zone this runtime does not know is dropped: it could not be counted in.
        timeZone: frame.timeZone && isTimeZone(frame.timeZone) ? frame.timeZone : null,
      })
      .catch((error: unknown) => {
        if (HandoffServerError.is(error, 'conflict')) throw refuse.forbidden();
        throw error;
      });
    if (!created) return;
    this.#core.scheduler.set('bot-idle', session.id, timeouts.botSessionIdleMs);
    this.#changed(session);
  }

  async activity(patient: PatientPrincipal, frame: PatientFrame<'bot.activity'>): Promise<void> {
    await this.#own(patient, frame.conversationId);
    await this.#core.store.touchBotSession(frame.conversationId, new Date().toISOString());
  }

  async ended(patient: PatientPrincipal, frame: PatientFrame<'bot.ended'>): Promise<void> {
    await this.#own(patient, frame.conversationId);
    const session = await this.#core.store.endBotSession(frame.conversationId, {
      outcome: frame.outcome,
      at: new Date().toISOString(),
      escalation: frame.outcome === 'escalated' ? (frame.escalation ?? null) : null,
      handoffConversationId:
        frame.outcome === 'escalated' ? (frame.handoffConversationId ?? null) : null,
    });
    if (!session) return;
    this.#core.scheduler.clear(session.id, ['bot-idle']);
    this.#changed(session);
  }

  /** The `bot-idle` deadline (claimed by this node): abandoned, or re-armed for the rest. */
  async idleDeadline(id: string): Promise<void> {
    const { store, timeouts } = this.#core;
    const session = await store.getBotSession(id);
    if (!session || session.endedAt !== null) return;
    const quiet = Date.now() - Date.parse(session.lastActivityAt);
    if (quiet < timeouts.botSessionIdleMs) {
      this.#core.scheduler.set('bot-idle', id, timeouts.botSessionIdleMs - quiet);
      return;
    }
    const ended = await store.endBotSession(id, {
      outcome: 'abandoned',
      at: new Date().toISOString(),
    });
    if (ended) this.#changed(ended);
  }

  #checkBinding(patient: PatientPrincipal, id: string): void {
    if (patient.conversationId !== null && patient.conversationId !== id) throw refuse.forbidden();
  }

  async #own(patient: PatientPrincipal, id: string): Promise<BotSessionRecord> {
    this.#checkBinding(patient, id);
    const session = await this.#core.store.getBotSession(id);
    if (!session || session.patientId !== patient.patientId) throw refuse.forbidden();
    return session;
  }

  #changed(session: BotSessionRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(session);
      } catch {
        // A listener's failure is its own.
      }
    }
  }
}
