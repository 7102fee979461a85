import type {
  AppointmentOffer,
  CallOffer,
  ContentDraft,
  EndReason,
  Survey,
  TextFormat,
  TransferTarget,
  WrapUp,
} from '@baton/handoff-protocol';
import type { ConsoleSessionOptions } from './agent-socket';
import * as chatActions from './chat-actions';
import { ComposerDrafts } from './composer-drafts';
import { ConsoleConnection } from './console-connection';
import * as catalog from './content';
import { dismissConversation } from './conversation-items';
import * as drill from './drill-in';
import * as history from './history-requests';
import * as messages from './messages';

export { FRAME_EVENT } from '@baton/handoff-protocol';

/**
 * What a signed-in agent or supervisor does on the desk. The connection, delivery and the
 * dispatch of server frames are `ConsoleConnection`'s; each feature's requests are in its
 * module next to its state (messages, chat actions, consults, history, worklist, content,
 * drill-in); the methods here are the console UI's entry points to them.
 */
export class ConsoleSession extends ConsoleConnection {
  readonly #typing = new messages.TypingSignal(this.port);
  /** Unsent composer text per conversation (memory only). */
  readonly drafts = new ComposerDrafts();

  /** Removes a closed conversation's tab. */
  dismiss(conversationId: string): void {
    this.drafts.forget(conversationId);
    this.port.set(dismissConversation(this.port.state, conversationId));
  }

  // messages.ts
  sendMessage(conversationId: string, text: string, textFormat?: TextFormat): string {
    const clientMessageId = messages.sendMessage(this.port, conversationId, text, textFormat);
    this.setTyping(conversationId, false);
    return clientMessageId;
  }
  addNote(conversationId: string, text: string): string {
    return messages.addNote(this.port, conversationId, text);
  }
  setTyping(conversationId: string, active: boolean): void {
    this.#typing.set(conversationId, active);
  }
  markRead(conversationId: string): void {
    messages.markRead(this.port, conversationId);
  }

  // chat-actions.ts
  transfer(conversationId: string, target: TransferTarget, note?: string): void {
    chatActions.transfer(this.port, conversationId, target, note);
  }
  end(conversationId: string, reason: EndReason = 'resolved'): void {
    chatActions.end(this.port, conversationId, reason);
  }
  returnToBot(conversationId: string): void {
    chatActions.returnToBot(this.port, conversationId);
  }
  offerSurvey(conversationId: string, survey: Survey): void {
    chatActions.offerSurvey(this.port, conversationId, survey);
  }
  offerAppointment(conversationId: string, offer: AppointmentOffer): void {
    chatActions.offerAppointment(this.port, conversationId, offer);
  }
  offerCall(conversationId: string, call: CallOffer): void {
    chatActions.offerCall(this.port, conversationId, call);
  }
  listActions(conversationId: string): void {
    chatActions.listActions(this.port, conversationId);
  }
  wrapUp(conversationId: string, wrapUp: WrapUp): void {
    chatActions.wrapUp(this.port, conversationId, wrapUp);
  }

  // consults.ts
  consult(conversationId: string, agentId: string, text: string): void {
    this.consults.request(conversationId, agentId, text);
  }
  openConsult(conversationId: string): void {
    this.consults.open(conversationId);
  }
  sendConsultMessage(conversationId: string, consultantId: string, text: string): void {
    this.consults.message(conversationId, consultantId, text);
  }
  seeConsult(conversationId: string, consultantId: string): void {
    this.consults.see(conversationId, consultantId);
  }

  // history-requests.ts
  requestHistory(conversationId: string): void {
    history.requestHistory(this.port, conversationId);
  }
  openHistory(conversationId: string, pastConversationId: string): void {
    history.openHistory(this.port, conversationId, pastConversationId);
  }
  closeHistory(): void {
    history.closeHistory(this.port);
  }

  // worklist.ts
  claimFollowUp(itemId: string): void {
    this.followUps.claim(itemId);
  }
  closeFollowUp(itemId: string, note: string): void {
    this.followUps.close(itemId, note);
  }
  openFollowUp(itemId: string, conversationId: string): void {
    this.followUps.open(itemId, conversationId);
  }

  // content.ts
  loadConversationContent(conversationId: string): void {
    catalog.loadConversationContent(this.content, this.port.send, conversationId);
  }
  loadAllContent(): void {
    catalog.loadAllContent(this.content, this.port.send);
  }
  saveContent(draft: ContentDraft): void {
    catalog.saveContent(this.port.send, draft);
  }
  retireContent(itemId: string, retired: boolean): void {
    catalog.retireContent(this.port.send, itemId, retired);
  }

  // drill-in.ts
  drillIn(conversationId: string): void {
    drill.drillIn(this.port, conversationId);
  }
  closeDrillIn(): void {
    drill.closeDrillIn(this.port);
  }
  whisper(conversationId: string, text: string): void {
    drill.whisper(this.port, conversationId, text);
  }
  barge(conversationId: string): void {
    drill.barge(this.port, conversationId);
  }
}

/** Reads the token, connects to `/agent` and resolves once the server accepted the session. */
export async function connectConsole(options: ConsoleSessionOptions): Promise<ConsoleSession> {
  const token = await options.getToken();
  const session = new ConsoleSession(token, options);
  try {
    await session.connect();
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}
