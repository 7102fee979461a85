import { testHandoffAdapter } from '@baton/handoff-server/testing';
import { TicketAdapter } from './ticket-adapter';
import { TicketBoard } from './ticket-board';

// The conformance suite plays the Baton server; the agent side below plays agents working
// in the ticket system's own UI.
testHandoffAdapter(
  async () => {
    const board = new TicketBoard();
    const adapter = new TicketAdapter(board);
    const ticket = (conversationId: string) => {
      const id = adapter.ticketFor(conversationId);
      if (!id) throw new Error('no open ticket for this conversation');
      return id;
    };
    return {
      adapter,
      agentSide: {
        accept: async (id, agent) =>
          board.claim(ticket(id), { id: agent.id, name: agent.displayName }),
        say: async (id, externalId, text) => board.reply(ticket(id), externalId, text),
        end: async (id) => board.resolve(ticket(id)),
        refuse: async (id) => board.decline(ticket(id)),
        received: async (id) => board.patientComments(ticket(id)),
      },
    };
  },
  { name: 'ticket board (example)' },
);
