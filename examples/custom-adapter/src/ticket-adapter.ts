import type {
  AdapterCloseReason,
  AdapterConversation,
  AdapterHost,
  AdapterPatientMessage,
  HandoffAdapter,
} from '@baton/handoff-server/adapters';
import type { TicketBoard, TicketEvent } from './ticket-board';

/**
 * Routes each handoff into a ticket system: one ticket per conversation, the patient's
 * messages as ticket comments, and the ticket's life (claimed, agent replies, resolved,
 * declined) reported back to Baton. The server owns the state machine, seq and delivery;
 * this adapter only translates.
 */
export class TicketAdapter implements HandoffAdapter {
  readonly name = 'ticket-board';
  private host: AdapterHost | null = null;
  private unsubscribe: (() => void) | null = null;
  /** ticket id → conversation id, and back, for open conversations only. */
  private readonly conversationOf = new Map<string, string>();
  private readonly ticketOf = new Map<string, string>();
  /** Per-conversation chain: reports reach the server in the order the board made them. */
  private readonly reports = new Map<string, Promise<unknown>>();

  /** The adapter receives its client (the board); it does not construct the world. */
  constructor(private readonly board: TicketBoard) {}

  /** The ticket holding a conversation, while it is open. */
  ticketFor(conversationId: string): string | undefined {
    return this.ticketOf.get(conversationId);
  }

  async start(host: AdapterHost): Promise<void> {
    this.host = host;
    this.unsubscribe = this.board.subscribe((event) => this.onTicketEvent(event));
  }

  async handoff({ conversationId, request }: AdapterConversation): Promise<void> {
    const host = this.requireHost();
    const subject = `Chat handoff (${request.reason.kind})`; // no patient text in the subject
    const { ticketId, position } = this.board.open(subject, request.priority !== 'routine');
    this.conversationOf.set(ticketId, conversationId);
    this.ticketOf.set(conversationId, ticketId);
    await host.queued(conversationId, { queue: 'tickets', position, estimatedWaitSeconds: null });
  }

  async patientMessage(conversationId: string, message: AdapterPatientMessage): Promise<void> {
    const ticketId = this.ticketOf.get(conversationId);
    if (ticketId) this.board.addPatientComment(ticketId, `seq-${message.seq}`, message.text);
  }

  async conversationClosed(conversationId: string, _reason: AdapterCloseReason): Promise<void> {
    const ticketId = this.ticketOf.get(conversationId);
    if (!ticketId) return;
    this.ticketOf.delete(conversationId);
    this.conversationOf.delete(ticketId);
    this.board.close(ticketId);
    await this.reports.get(conversationId)?.catch(() => undefined);
    this.reports.delete(conversationId);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.allSettled([...this.reports.values()]);
    this.reports.clear();
  }

  private onTicketEvent(event: TicketEvent): void {
    const conversationId = this.conversationOf.get(event.ticketId);
    const host = this.host;
    if (!conversationId || !host) return; // not ours, or already closed
    const report = (): Promise<unknown> => {
      switch (event.type) {
        case 'claimed':
          return host.agentJoined(conversationId, agentInfo(event.agent));
        case 'comment':
          return host.agentMessage(conversationId, {
            externalId: event.commentId,
            text: event.text,
            agent: agentInfo(event.agent),
          });
        case 'resolved':
          return host.ended(conversationId, 'resolved');
        case 'declined':
          return host.failed(conversationId, {
            reason: 'no-agents',
            fallbacks: ['leave-message', 'callback'],
          });
      }
    };
    const previous = this.reports.get(conversationId) ?? Promise.resolve();
    const next = previous.then(report).catch((error: unknown) => {
      // Ids only: never message text in logs.
      host.log.warn(
        {
          conversationId,
          ticketId: event.ticketId,
          event: event.type,
          error: String((error as Error)?.name),
        },
        'report refused',
      );
    });
    this.reports.set(conversationId, next);
  }

  private requireHost(): AdapterHost {
    if (!this.host) throw new Error('TicketAdapter used before start()');
    return this.host;
  }
}

function agentInfo(agent: { id: string; name: string }) {
  return { id: agent.id, displayName: agent.name };
}
