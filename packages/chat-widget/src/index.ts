export type { ChatController } from './conversation/controller';
export type { ChatMessage, ChatState, ConnectionState, DeliveryState } from './conversation/state';
export type { Activity, Attachment, CardAction } from './directline/activity';
export type { DirectLineClient, DirectLineFactory } from './directline/connection';
export type { DebugEntry } from './directline/debug-log';
export { BATON_CHAT_ATTRIBUTES, defineBatonChatElement } from './element';
export {
  BatonWidgetError,
  isBatonWidgetError,
  WIDGET_ERROR_CODES,
  type WidgetErrorCode,
} from './errors';
export {
  botFailureDetector,
  botInitiatedDetector,
  EMERGENCY_NUMBERS,
  escalationDetectors,
  FALLBACK_PHRASES,
  PERSON_REQUEST_PHRASES,
  patientRequestDetector,
  RED_FLAG_PHRASES,
  redFlagDetector,
} from './escalation/index';
export type * from './escalation/types';
export type { HandoffOptions } from './handoff/index';
export type {
  FormStatus,
  HandoffConnection,
  HandoffPhase,
  HandoffState,
} from './handoff/state';
export type { Delivery, ThreadItem, ThreadMessage, ThreadNotice } from './handoff/thread';
export type { HostText } from './i18n/host-text';
export type * from './types';
export { createChatWidget } from './widget';
