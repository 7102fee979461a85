import type { Socket } from 'socket.io';
import { rooms } from './room-names';

/**
 * The rooms a consulted colleague's socket joins when she opens the conversation
 * (`consult.open`): the conversation's own (its frames reach her live, as they reach its
 * holder) and `consulting:<id>`, which the room rule keeps while the conversation stays
 * assigned (`withdrawLostAccess`). `conversation.close` leaves both.
 */
export function consultRooms(socket: Socket, conversationId: string) {
  const live = [rooms.conversation(conversationId), rooms.consulting(conversationId)];
  return {
    join: () => socket.join(live),
    leave: () => {
      for (const room of live) socket.leave(room);
    },
  };
}
