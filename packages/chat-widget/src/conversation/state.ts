import type { Activity } from '../directline/activity';
import type { EscalationSignal } from '../escalation/types';

export type ConnectionState =
  | 'idle'
  | 'connecting'
  | 'online'
  | 'reconnecting'
  | 'offline'
  | 'ended';
export type DeliveryState = 'sending' | 'sent' | 'failed';

export interface ChatMessage {
  /** Stable key: the client id of the patient's own messages, else the activity id. */
  key: string;
  id?: string;
  from: 'bot' | 'patient';
  at: string;
  activity: Activity;
  delivery?: DeliveryState;
}

export type EscalationState = 'none' | 'confirming' | 'requested';

export interface ChatState {
  connection: ConnectionState;
  messages: readonly ChatMessage[];
  typing: boolean;
  escalation: EscalationState;
  pendingSignal?: EscalationSignal;
  /** Set as soon as a red flag is seen: the emergency guidance stays on screen. */
  emergencyNumber?: string;
  conversationId?: string;
  /** The bot asked for the patient's location (the event's name); the host allows sharing. */
  locationRequest?: string | undefined;
}

export const INITIAL_STATE: ChatState = {
  connection: 'idle',
  messages: [],
  typing: false,
  escalation: 'none',
};
