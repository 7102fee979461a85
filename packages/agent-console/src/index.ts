export { AgentConsoleError, CONSOLE_ERROR_CODES, type ConsoleErrorCode } from './errors';
export {
  CONSOLE_LOCALES,
  type ConsoleLocale,
  type ConsoleMessages,
  type MessageKey,
  pickLocale,
  translator,
} from './i18n';
export { type AgentConsoleOptions, type MountedAgentConsole, mountAgentConsole } from './mount';
export type { ConsoleSessionOptions } from './session/agent-socket';
export type { ConsoleListener } from './session/console-connection';
export { ConsoleSession, connectConsole, FRAME_EVENT } from './session/session';
export { devSignIn, fetchTranscriptExport } from './session/sign-in';
export { readStaffProfile, type StaffProfile, type StaffRole } from './session/staff-profile';
export type {
  ChatItem,
  ConnectionStatus,
  ConsoleNotice,
  ConsoleState,
  ConversationView,
  Delivery,
  SupervisorDashboard,
} from './session/state';
export type { ConsoleOffers } from './ui/offers';
