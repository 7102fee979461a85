import type { HandoffRequest, Transcript } from '@baton/handoff-protocol';
import type { ChatController } from '../conversation/controller';
import { BatonWidgetError } from '../errors';
import type { EscalationSignal } from '../escalation/types';
import type { BotSessionReport } from './bot-report';
import { newId, patientFrame } from './frames';
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
  /** Activity ids the agent has (in the transcript, or appended since). */
  readonly #forwarded = new Set<string>();
  #cursor = 0;
  #stopForwarding = () => {};
  /** The bot conversation's registration (a socket in the lazy handoff chunk), once started. */
  #bot: Promise<BotSessionReport | null> | null = null;
  #botId = '';
  #botSeenAt = 0;

  constructor(private readonly hooks: LinkHooks) {}

  /** A handoff is under way: the patient's messages go to the server, not the bot. */
  get engaged(): boolean {
    return /^(requesting|queued|assigned)$/.test(this.active?.state.phase ?? '');
  }

  /** The patient wrote to the bot: registers the bot conversation, then says it is alive. */
  botActivity(): void {
    const { controller, options, locale } = this.hooks;
    const now = Date.now();
    if (this.#bot) {
      if (now - this.#botSeenAt < 60_000) return;
      this.#botSeenAt = now;
      const frame = patientFrame('bot.activity', { conversationId: this.#botId });
      void this.#bot.then((bot) => bot?.(frame));
      return;
    }
    if (!controller.handoffToken) return;
    this.#botSeenAt = now;
    const conversationId = newId();
    this.#botId = conversationId;
    this.#bot = import('./client').then(
      ({ botSessionReport }) => {
        const bot = botSessionReport(
          `${options.serverUrl.replace(/\/+$/, '')}/patient`,
          async () => controller.handoffToken,
        );
        bot(
          patientFrame('bot.started', {
            conversationId,
            locale: locale(),
            entryPath: location.pathname.slice(0, 300),
            ...browserTimeZone(),
          }),
        );
        return bot;
      },
      () => null,
    );
  }

  /** The bot conversation ended: contained (closed without a person) or escalated. */
  botEnded(
    outcome: 'contained' | 'escalated',
    signal?: EscalationSignal,
    handoffId?: string,
  ): void {
    const bot = this.#bot;
    this.#bot = null;
    const frame = patientFrame('bot.ended', {
      conversationId: this.#botId,
      outcome,
      ...(signal ? { escalation: signal.reason.kind } : {}),
      ...(handoffId ? { handoffConversationId: handoffId } : {}),
    });
    void bot?.then((report) => report?.(frame));
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
    this.#forwardLaterBotReplies(transcript);
    this.botEnded('escalated', signal, session.state.conversationId);
  }

  /**
   * Bot replies after the transcript was taken (emergency advice given while waiting) go to
   * the agent too, as `transcript.append`, while the handoff is under way.
   */
  #forwardLaterBotReplies(transcript: Transcript): void {
    const { controller } = this.hooks;
    for (const entry of transcript.entries)
      for (const id of entry.sourceActivityIds ?? []) this.#forwarded.add(id);
    const list = controller.activities;
    this.#cursor = list.findLastIndex((a) => this.#forwarded.has(a.id ?? '')) + 1;
    this.#stopForwarding();
    this.#stopForwarding = controller.events.on('incoming', () => void this.#forward());
    void this.#forward();
  }

  async #forward(): Promise<void> {
    const { controller } = this.hooks;
    const list = controller.activities;
    const fresh = list
      .slice(this.#cursor)
      .filter((a) => a.type === 'message' && a.id && !this.#forwarded.has(a.id));
    this.#cursor = list.length;
    for (const activity of fresh) this.#forwarded.add(activity.id ?? '');
    const session = this.active?.session;
    if (!fresh.length || !this.engaged || !session) return;
    const module = await import('../conversation/normalize').catch(() => null);
    const patientUserId = controller.userId;
    for (const activity of fresh) {
      const [entry] =
        module?.normalizeTranscript([activity], patientUserId ? { patientUserId } : {}).entries ??
        [];
      if (entry?.from === 'bot') session.appendBotEntry(entry);
    }
  }

  /** After a reload: the stored handle names a handoff that was still going on. */
  async resume(conversationId: string, seenUpTo?: number): Promise<void> {
    if (this.active) return;
    (await this.#open(conversationId)).resume(seenUpTo);
  }

  /** Another tab of the portal started this handoff: join it here (its log is replayed). */
  async follow(conversationId: string): Promise<void> {
    if (this.active?.session.conversationId === conversationId || this.engaged) return;
    this.active?.session.close();
    this.active = null;
    await this.resume(conversationId);
  }

  /** Resolves once the server answered the request (queued, or not), or after 10 s. */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      const session = this.active?.session;
      const timer = setTimeout(done, 10_000);
      const stop = session?.subscribe((state) => state.phase !== 'requesting' && done());
      function done() {
        clearTimeout(timer);
        stop?.();
        resolve();
      }
      if (session?.state.phase !== 'requesting') done();
    });
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
    this.#stopForwarding();
    this.botEnded('contained');
    this.active?.session.close();
    this.active = null;
  }
}

/** The browser's IANA zone for analytics in the patient's time (left out when unknown). */
function browserTimeZone(): { timeZone?: string } {
  try {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return timeZone && timeZone.length <= 64 ? { timeZone } : {};
  } catch {
    return {};
  }
}
