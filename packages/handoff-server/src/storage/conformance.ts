import { describe } from 'vitest';
import { agentWorkSuite } from './conformance/agent-work';
import { agentSuite } from './conformance/agents';
import { analyticsSuite } from './conformance/analytics';
import { appointmentChangeSuite } from './conformance/appointment-changes';
import { attachmentSuite } from './conformance/attachments';
import { auditSuite } from './conformance/audit';
import { botAnalyticsSuite } from './conformance/bot-analytics';
import { botSessionSuite } from './conformance/bot-sessions';
import { chatActionSuite } from './conformance/chat-actions';
import { consultThreadSuite } from './conformance/consult-threads';
import { contentSuite } from './conformance/content';
import { conversationSuite } from './conformance/conversations';
import { deliverySuite } from './conformance/deliveries';
import { deskFigureSuite } from './conformance/desk-figures';
import { durabilitySuite } from './conformance/durability';
import { errorSuite } from './conformance/errors';
import { type CreateStore, useStoreFixture } from './conformance/fixture';
import { followUpSuite, queueWaitSuite } from './conformance/followups';
import { guardedAppendSuite } from './conformance/guarded-append';
import { patientHistorySuite } from './conformance/patient-history';
import { patientZoneSuite } from './conformance/patient-zone';
import { queueCountSuite } from './conformance/queue-counts';
import { queuedHandoffSuite } from './conformance/queued-handoff';
import { queueSuite } from './conformance/queues';
import { readMarkSuite } from './conformance/read-marks';
import { retentionSuite } from './conformance/retention';
import { slotAdminSuite } from './conformance/slot-admin';
import { staffAccessSuite } from './conformance/staff-access';
import { staffAssignmentSuite } from './conformance/staff-assignments';
import { surveyAppointmentSuite } from './conformance/surveys-appointments';

export type { CreateStore, StoreFixture } from './conformance/fixture';

/**
 * The behaviour every `ConversationStore` must have. Run it against your backend:
 * `testConversationStore('my store', async (options) => ({ store, cleanup }))`, opening the
 * store with `options` (a store that keeps `AuditEvent.at` only when asked to).
 */
export function testConversationStore(name: string, createStore: CreateStore): void {
  describe(`ConversationStore conformance: ${name}`, () => {
    const ctx = useStoreFixture(createStore);
    conversationSuite(ctx);
    queueSuite(ctx);
    agentSuite(ctx);
    surveyAppointmentSuite(ctx);
    auditSuite(ctx);
    retentionSuite(ctx);
    followUpSuite(ctx);
    queueWaitSuite(ctx);
    errorSuite(ctx);
    durabilitySuite(ctx);
    agentWorkSuite(ctx);
    staffAccessSuite(ctx);
    deskFigureSuite(ctx);
    contentSuite(ctx);
    chatActionSuite(ctx);
    deliverySuite(ctx);
    patientHistorySuite(ctx);
    botSessionSuite(ctx);
    appointmentChangeSuite(ctx);
    analyticsSuite(ctx);
    botAnalyticsSuite(ctx);
    slotAdminSuite(ctx);
    attachmentSuite(ctx);
    consultThreadSuite(ctx);
    staffAssignmentSuite(ctx);
    patientZoneSuite(ctx);
    queueCountSuite(ctx);
    queuedHandoffSuite(ctx);
    guardedAppendSuite(ctx);
    readMarkSuite(ctx);
  });
}
