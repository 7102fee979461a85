import type { PatientToServer } from '@baton/handoff-protocol';
import { io } from 'socket.io-client';

/** Sends one bot-session frame (`bot.started`, `bot.activity`, `bot.ended`). */
export type BotSessionReport = (
  frame: Extract<PatientToServer, { type: 'bot.started' | 'bot.activity' | 'bot.ended' }>,
) => void;

/**
 * The socket that registers the patient's conversation with the bot on the handoff server,
 * so supervisors see it live: ids, locale and the page path only, never what was said. Best
 * effort: a server that is down changes nothing for the patient (socket.io buffers the
 * frames and retries quietly). After `bot.ended` the server closes it (it joined no
 * conversation). The frames are built in the chat bundle (`link.ts`).
 */
export function botSessionReport(
  /** The handoff server's `/patient` namespace URL. */
  namespaceUrl: string,
  /** Never rejects. */
  getToken: () => Promise<string | undefined>,
): BotSessionReport {
  // WebSocket first, as the handoff's own socket: a refused handshake then closes one
  // WebSocket, where a polling session could still have a request in flight (a 400 after close).
  const socket = io(namespaceUrl, {
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    auth: (callback) => void getToken().then((token) => callback({ token: token ?? '' })),
  });
  return (frame) => void socket.emit('frame', frame);
}
