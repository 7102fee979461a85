import type { BotOutcome, EscalationKind } from '@baton/handoff-protocol';
import { io, type Socket } from 'socket.io-client';
import { newId, patientFrame } from './frames';

/**
 * Registers the patient's conversation with the bot on the handoff server (`bot.started`,
 * `bot.activity`, `bot.ended`), so supervisors see it live. Ids, locale and the page path
 * only, never what was said. Best effort: a server that is down or absent changes nothing
 * for the patient (socket.io buffers the frames and gives up quietly).
 */
export class BotSessionReport {
  readonly conversationId = newId();
  readonly #socket: Socket;

  constructor(serverUrl: string, getToken: () => Promise<string | undefined>) {
    this.#socket = io(`${serverUrl.replace(/\/+$/, '')}/patient`, {
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionAttempts: 3,
      auth: (callback) =>
        getToken().then(
          (token) => callback({ token: token ?? '' }),
          () => callback({ token: '' }),
        ),
    });
  }

  started(locale: string, entryPath: string): void {
    this.#send(
      patientFrame('bot.started', {
        conversationId: this.conversationId,
        locale,
        ...(entryPath ? { entryPath } : {}),
      }),
    );
  }

  activity(): void {
    this.#send(patientFrame('bot.activity', { conversationId: this.conversationId }));
  }

  /** The outcome, then the socket closes once it is written (or soon, if never connected). */
  ended(outcome: BotOutcome, escalation?: EscalationKind, handoffConversationId?: string): void {
    this.#send(
      patientFrame('bot.ended', {
        conversationId: this.conversationId,
        outcome,
        ...(escalation ? { escalation } : {}),
        ...(handoffConversationId ? { handoffConversationId } : {}),
      }),
    );
    setTimeout(() => this.#socket.disconnect(), 3000);
  }

  #send(frame: object): void {
    this.#socket.emit('frame', frame);
  }
}
