export {
  detectEscalationSignal,
  ESCALATION_SIGNAL_DETAILS,
  type EscalationSignalOptions,
} from './escalation-signal';
export { HANDOFF_EVENT_NAMES } from './event-names';
export {
  type HandoffInitiationOptions,
  handoffRequestFromInitiation,
} from './handoff-initiation';
export {
  createHandoffStatus,
  type HandoffStatusActivity,
  type HandoffStatusOptions,
  type HandoffStatusState,
  handoffStatusForConversationState,
} from './handoff-status';
export type { InteropError, InteropErrorCode, InteropResult } from './result';
