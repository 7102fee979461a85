import { ComposedConversationStore } from './composed';
import { memoryAgentWork } from './memory/agent-work';
import { memoryAgents } from './memory/agents';
import { memoryAppointmentChanges } from './memory/appointment-changes';
import { memoryAttachments } from './memory/attachments';
import { memoryAuditAndRetention } from './memory/audit-retention';
import { memoryBotSessions } from './memory/bot-sessions';
import { memoryChatActions } from './memory/chat-actions';
import { memoryConsultThreads } from './memory/consult-threads';
import { memoryContent } from './memory/content';
import { memoryConversations } from './memory/conversations';
import { memoryDeliveries } from './memory/deliveries';
import { memoryDeskFigures } from './memory/desk-figures';
import { memoryDurability } from './memory/durability';
import { memoryFollowUps } from './memory/followups';
import { memoryInsights } from './memory/insights';
import { memoryQueues } from './memory/queues';
import { memoryReadMarks } from './memory/read-marks';
import { memoryStaffAccess } from './memory/staff-access';
import { memoryApiKeys, memoryStaffAssignments } from './memory/staff-assignments';
import { createMemoryState } from './memory/state';
import { memorySurveysAndAppointments } from './memory/surveys-appointments';
import type { AuditClockOptions } from './shared';

export type MemoryStoreOptions = AuditClockOptions;

/**
 * In-process store for unit tests of the engine and for trying things out. Not encrypted,
 * not durable. Every operation runs to completion synchronously, so it is trivially atomic.
 */
export class MemoryConversationStore extends ComposedConversationStore {
  constructor(options: MemoryStoreOptions = {}) {
    const state = createMemoryState(options.trustAuditTimestamps === true);
    const conversations = memoryConversations(state);
    const insights = memoryInsights(state);
    super({
      conversations,
      queues: memoryQueues(state, conversations),
      agents: memoryAgents(state),
      surveysAndAppointments: memorySurveysAndAppointments(state),
      auditAndRetention: memoryAuditAndRetention(state),
      durability: memoryDurability(state, conversations, insights),
      followUps: memoryFollowUps(state),
      agentWork: memoryAgentWork(state),
      staffAccess: memoryStaffAccess(),
      deskFigures: memoryDeskFigures(state),
      content: memoryContent(),
      chatActions: memoryChatActions(state),
      deliveries: memoryDeliveries(state),
      botSessions: memoryBotSessions(state),
      appointmentChanges: memoryAppointmentChanges(state),
      insights,
      attachments: memoryAttachments(state),
      consultThreads: memoryConsultThreads(state),
      staffAssignments: memoryStaffAssignments(),
      apiKeys: memoryApiKeys(),
      readMarks: memoryReadMarks(state),
    });
  }

  override async close(): Promise<void> {}
}
