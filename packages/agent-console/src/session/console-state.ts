import type {
  AgentInfo,
  AgentPresence,
  AgentStatus,
  AttachmentRef,
  ConversationState,
  ConversationSummary,
  DeskKpis,
  ErrorCode,
  HandoffRequest,
  Party,
  QueueItem,
  TextFormat,
} from '@baton/handoff-protocol';
import type { ChatActionsState } from './chat-actions-state';
import type { PatientHistoryState } from './history';
import type { StaffProfile } from './staff-profile';
import type { WorklistState } from './worklist-state';

// The console's view of the desk, changed only by the pure functions below: a server frame,
// or a local command (a message being sent). The session module owns the I/O.

export type Delivery = 'sending' | 'acked' | 'failed';

/** One line of a live conversation: a chat message, an internal note or a logged event. */
export interface ChatItem {
  /** Stable render key: it does not change when a sent message gets its `seq`. */
  key: string;
  seq?: number;
  kind: 'message' | 'note' | 'event';
  from: Party;
  author?: AgentInfo;
  text?: string;
  /** `markdown`: rendered with the shared inert renderer; otherwise plain text. */
  textFormat?: TextFormat;
  /** For events: the logged message type, e.g. `agent.joined`. */
  event?: string;
  at: string;
  /** Set on what this console sent. */
  clientMessageId?: string;
  delivery?: Delivery;
  /** Protocol error code of a message that could not be sent. */
  failure?: ErrorCode;
  /** A note that is a supervisor's whisper to the agent. */
  whisper?: boolean;
  /** A shared file (`text` is its caption, if any). */
  attachment?: AttachmentRef;
  /** For appointment events: when the appointment starts (shown beside the event). */
  appointmentStart?: string;
}

export interface ConversationView {
  conversationId: string;
  state: ConversationState;
  request: HandoffRequest;
  agent?: AgentInfo;
  transferredFrom?: AgentInfo;
  transferNote?: string;
  items: ChatItem[];
  /** Highest `seq` seen: `conversation.open { sinceSeq }` resumes from here. */
  lastSeq: number;
  patientTyping: boolean;
  /** The patient has seen everything up to this `seq`. */
  patientReadUpToSeq: number;
  /** Highest patient `seq` this console reported as read. */
  readSentUpToSeq: number;
  unread: number;
  /** False once the conversation was transferred to someone else. */
  held: boolean;
  /** Why it is no longer this agent's to act on: the event, and the new holder on a transfer. */
  closedBy?: { event: string; agent?: AgentInfo };
}

export interface SupervisorDashboard {
  conversations: ConversationSummary[];
  agents: AgentStatus[];
  kpis: DeskKpis;
}

export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'disconnected'
  | 'unauthorized';

/** A refused command, shown until dismissed. `message` is the server's text (never PHI). */
export interface ConsoleNotice {
  id: string;
  kind:
    | 'claim-conflict'
    | 'claim-needs-presence'
    | 'claim-at-capacity'
    | 'action-failed'
    | 'roles-changed';
  action: string;
  code: ErrorCode;
  message: string;
  conversationId?: string;
}

export interface ConsoleState {
  connection: ConnectionStatus;
  profile: StaffProfile;
  presence: AgentPresence;
  queue: QueueItem[];
  conversations: ConversationView[];
  activeConversationId: string | null;
  supervisor: SupervisorDashboard | null;
  /** Follow-up items of the queues this person may work (`null` until the snapshot). */
  worklist: WorklistState | null;
  notices: ConsoleNotice[];
  /** Chat actions the server offers, wrap-ups, consultations (`chat-actions-state.ts`). */
  chat?: ChatActionsState;
  /** The patient history of one conversation (issue #12: patient panel). */
  history?: PatientHistoryState;
  /** Supervisors: the conversation opened from the dashboard (see `drill-in.ts`). */
  drillIn?: DrillIn | null;
}

export const CLOSED_STATES: ReadonlySet<ConversationState> = new Set([
  'ended',
  'abandoned',
  'expired',
  'failed',
  'returned_to_bot',
  'queued',
  'bot',
]);

/** The conversation is no longer this agent's to act on. */
export const isClosed = (view: ConversationView): boolean =>
  !view.held || CLOSED_STATES.has(view.state);

export function initialState(profile: StaffProfile): ConsoleState {
  return {
    connection: 'connecting',
    profile,
    presence: 'available',
    queue: [],
    conversations: [],
    activeConversationId: null,
    supervisor: null,
    worklist: null,
    notices: [],
  };
}

/** A conversation a supervisor opened from the dashboard: read-only until she barges in. */
export interface DrillIn {
  conversationId: string;
  /** Null until `conversation.transcript` arrives. */
  view: ConversationView | null;
  /** She joined the conversation: the patient was told, and she may write. */
  barged: boolean;
}

/**
 * What this person may see of the patient's context: never `displayable: false`, clinical
 * attributes only with the `clinical` flag. The server filters `conversation.transcript`;
 * this also covers frames that carry the request as the adapter gave it.
 */
export function visibleRequest(request: HandoffRequest, profile: StaffProfile): HandoffRequest {
  const attributes = request.patient.attributes;
  if (!attributes) return request;
  return {
    ...request,
    patient: {
      ...request.patient,
      attributes: attributes.filter((a) => a.displayable && (profile.clinical || !a.clinical)),
    },
  };
}

export function newView(
  conversationId: string,
  state: ConversationState,
  request: HandoffRequest,
): ConversationView {
  return {
    conversationId,
    state,
    request,
    items: [],
    lastSeq: 0,
    patientTyping: false,
    patientReadUpToSeq: 0,
    readSentUpToSeq: 0,
    unread: 0,
    held: true,
  };
}
