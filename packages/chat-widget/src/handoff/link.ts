import type { HandoffRequest, Transcript } from '@baton/handoff-protocol';
import type { ChatController } from '../conversation/controller';
import { BatonWidgetError } from '../errors';
import type { EscalationSignal } from '../escalation/types';
import { type HandoffModule, type HandoffOptions, loadHandoffModule } from './index';
import type { HandoffSession } from './session';
import type { HandoffState } from './state';

/** What the UI needs to draw a handoff. */
export interface ActiveHandoff {
  module: HandoffModule;
  session: HandoffSession;
  state: HandoffState;
  /** How many bot messages came before the handoff: its thread is drawn after them. */
  anchor: number;
}

interface LinkHooks {
  options: HandoffOptions;
  controller: ChatController;
  locale(): string;
  changed(): void;
}

/**
 * The widget's side of the handoff, in the chat bundle: loads the handoff chunk on demand,
 * starts or resumes the session, and says whether the patient's messages go to a person.
 */
export class HandoffLink {
  active: ActiveHandoff | null = null;

  constructor(private readonly hooks: LinkHooks) {}

  /** A handoff is under way: the patient's messages go to the server, not the bot. */
  get engaged(): boolean {
    const phase = this.active?.state.phase;
    return phase === 'requesting' || phase === 'queued' || phase === 'assigned';
  }

  async start(signal: EscalationSignal, transcript: Transcript): Promise<void> {
    if (this.engaged) return;
    const { controller, locale } = this.hooks;
    const token = controller.handoffToken;
    if (!token) {
      throw new BatonWidgetError('handoff_unavailable', {
        message: 'The chat session has no handoff token (see createSessionHandler `handoff`).',
      });
    }
    const session = await this.#open();
    const claims = this.active?.module.ui.tokenClaims(token) ?? {};
    const dl = controller.state.conversationId;
    const routing = this.hooks.options.routing;
    const request: HandoffRequest = {
      reason: signal.reason,
      priority: signal.priority,
      patient: {
        patientId: claims.sub ?? 'patient',
        displayName: claims.name?.slice(0, 200) || 'Patient',
        locale: locale(),
      },
      transcript,
      ...(dl ? { directLine: { conversationId: dl } } : {}),
      ...(routing ? { routing } : {}),
    };
    // If the server refuses the request anyway, its essentials still reach a person.
    const fallback = await import('../conversation/normalize').then(
      (m) => m.textOnlyRequest(request),
      () => undefined,
    );
    session.start(request, fallback);
  }

  /** After a reload: the stored handle names a handoff that was still going on. */
  async resume(conversationId: string, seenUpTo?: number): Promise<void> {
    if (this.active) return;
    (await this.#open(conversationId)).resume(seenUpTo);
  }

  async #open(conversationId?: string): Promise<HandoffSession> {
    const module = await loadHandoffModule();
    const { options, controller, changed } = this.hooks;
    this.active?.session.close();
    const delay = options.reconnectionDelayMs;
    const session = new module.client.HandoffSession(
      {
        serverUrl: options.serverUrl,
        getToken: async (refresh) => {
          if (refresh) await controller.refreshSession();
          return controller.handoffToken;
        },
        persist: (handle) => controller.setHandoffHandle(handle),
        ...(options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
        ...(delay ? { socket: { reconnectionDelay: delay, reconnectionDelayMax: delay * 4 } } : {}),
      },
      conversationId,
    );
    const active: ActiveHandoff = {
      module,
      session,
      state: session.state,
      anchor: controller.state.messages.length,
    };
    this.active = active;
    session.subscribe((state) => {
      active.state = state;
      changed();
    });
    changed();
    return session;
  }

  /** The patient's text, to the person when a handoff is under way; false: give it to the bot. */
  send(text: string): boolean {
    if (!this.engaged || !this.active || !text.trim()) return false;
    this.active.session.send(text.trim());
    return true;
  }

  typing(): void {
    if (this.engaged) this.active?.session.typing(true);
  }

  /** "Back to the assistant": the handoff view goes, the bot conversation goes on. */
  dismiss(): void {
    this.active?.session.leave();
    this.active?.session.close();
    this.active = null;
    this.hooks.controller.resetEscalation();
    this.hooks.changed();
  }

  close(): void {
    this.active?.session.close();
    this.active = null;
  }
}
