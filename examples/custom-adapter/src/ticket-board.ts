/**
 * A stand-in for a real ticket system (a helpdesk, a CRM case queue): tickets, comments,
 * agents who claim, answer, resolve or decline. It knows nothing about Baton; it only
 * notifies subscribers, at least once, of what happens on a ticket.
 */
export interface TicketAgent {
  id: string;
  name: string;
}

export type TicketEvent =
  | { type: 'claimed'; ticketId: string; agent: TicketAgent }
  | { type: 'comment'; ticketId: string; commentId: string; text: string; agent: TicketAgent }
  | { type: 'resolved'; ticketId: string }
  | { type: 'declined'; ticketId: string };

interface Ticket {
  id: string;
  subject: string;
  urgent: boolean;
  status: 'open' | 'claimed' | 'resolved' | 'declined' | 'closed';
  agent: TicketAgent | null;
  comments: { id: string; author: 'patient' | 'agent'; text: string }[];
}

export class TicketBoard {
  private readonly tickets = new Map<string, Ticket>();
  private readonly subscribers = new Set<(event: TicketEvent) => void>();
  private nextId = 1;

  subscribe(listener: (event: TicketEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  open(subject: string, urgent: boolean): { ticketId: string; position: number } {
    const id = `T-${this.nextId++}`;
    this.tickets.set(id, { id, subject, urgent, status: 'open', agent: null, comments: [] });
    const position = [...this.tickets.values()].filter((t) => t.status === 'open').length;
    return { ticketId: id, position };
  }

  addPatientComment(ticketId: string, id: string, text: string): void {
    this.live(ticketId).comments.push({ id, author: 'patient', text });
  }

  close(ticketId: string): void {
    const ticket = this.tickets.get(ticketId);
    if (ticket) ticket.status = 'closed';
  }

  // What agents do in the ticket system's own UI:

  claim(ticketId: string, agent: TicketAgent): void {
    const ticket = this.live(ticketId);
    if (ticket.status !== 'open') throw new Error(`ticket ${ticketId} is ${ticket.status}`);
    Object.assign(ticket, { status: 'claimed', agent });
    this.emit({ type: 'claimed', ticketId, agent });
  }

  reply(ticketId: string, commentId: string, text: string): void {
    const ticket = this.live(ticketId);
    if (!ticket.agent) throw new Error(`ticket ${ticketId} is not claimed`);
    if (!ticket.comments.some((c) => c.id === commentId)) {
      ticket.comments.push({ id: commentId, author: 'agent', text });
    }
    // Notifications are at-least-once: a repeated reply is announced again.
    this.emit({ type: 'comment', ticketId, commentId, text, agent: ticket.agent });
  }

  resolve(ticketId: string): void {
    this.live(ticketId).status = 'resolved';
    this.emit({ type: 'resolved', ticketId });
  }

  decline(ticketId: string): void {
    this.live(ticketId).status = 'declined';
    this.emit({ type: 'declined', ticketId });
  }

  patientComments(ticketId: string): string[] {
    const comments = this.tickets.get(ticketId)?.comments ?? [];
    return comments.filter((c) => c.author === 'patient').map((c) => c.text);
  }

  private live(ticketId: string): Ticket {
    const ticket = this.tickets.get(ticketId);
    if (!ticket || ticket.status === 'closed') throw new Error(`no open ticket ${ticketId}`);
    return ticket;
  }

  private emit(event: TicketEvent): void {
    for (const listener of this.subscribers) listener(event);
  }
}
