import type { ConversationStore } from '../storage/contract';
import type { BusinessHoursByQueue } from './business-hours';
import type { RoutingConfig } from './routing';

/** How the built-in desk is set up (`createAgentDesk`, or `desk` in the server's options). */
export interface AgentDeskOptions {
  store: ConversationStore;
  routing?: RoutingConfig;
  /** Most conversations an agent holds at once. Default 3. */
  agentCapacity?: number;
  /** Samples kept for wait and handle-time averages. Default 20. */
  historySize?: number;
  /** Opening hours per queue; a queue without an entry is always open. */
  businessHours?: BusinessHoursByQueue;
  /** Changes of one queue gathered into one position update to its patients. Default 100 ms. */
  positionDebounceMs?: number;
  /** Dashboard KPIs re-sent this often while a supervisor watches. Default 5000 ms. */
  kpiIntervalMs?: number;
  /** The organisation's IANA zone: "today" on the dashboard starts at its midnight. */
  timeZone?: string;
}
