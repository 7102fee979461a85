/**
 * The host API of an agent system whose agents use Baton's console (the built-in desk is
 * one): beyond the `AdapterHost` every adapter gets, such a system hears of committed state
 * changes, answers the engine's questions about queues and agents, and acts for staff under
 * the server's access policy. Public (`@baton/handoff-server/adapters`); the desk imports
 * nothing of the server but this surface, the adapter contract and the store contract.
 */

export { agentInfoOf } from '../auth/agent-info';
export type { ConversationAction } from '../auth/policy';
export type { StaffPrincipal } from '../auth/principal';
export { withoutMatch } from '../auth/staff-view';
export { averageSurveyRating } from '../engine/followups/survey-records';
export type { AgentAckFrame, AgentFrame } from '../engine/frames';
export { refuse } from '../engine/refusals';
export { KeyedSerialQueue } from '../engine/serial-queue';
export type { ConversationChangeEvent, EngineDeskHooks, QueueStaffing } from '../engine/types';
export { effectiveBusinessHours, effectiveRouting } from '../insights/settings';
export { localDay, startOfLocalDay } from '../insights/time-zone';
export type { BotSessionRecord } from '../storage/bot-sessions';
export type {
  AgentDeskActions,
  AgentDeskPort,
  DeskServerLink,
} from './agent-desk-port';
