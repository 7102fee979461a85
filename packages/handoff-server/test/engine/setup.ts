import { canAccessConversation } from '../../src/auth/policy';
import type { PatientPrincipal, StaffPrincipal } from '../../src/auth/principal';
import { DeskAgentActions } from '../../src/desk/agent-actions';
import { ConversationEngine, type ConversationEngineOptions } from '../../src/engine/engine';
import type { BotChannel } from '../../src/engine/types';
import type { ConversationStore } from '../../src/storage/contract';
import { MemoryConversationStore } from '../../src/storage/memory';
import { RecordingAdapter, RecordingDelivery, silentLogger } from '../support/recording';

export const patient = (
  patientId = 'pat-1',
  conversationId: string | null = null,
): PatientPrincipal => ({
  kind: 'patient',
  patientId,
  displayName: 'Alex Martin',
  locale: 'en',
  conversationId,
});

export const agent = (staffId = 'agent-1', queues = ['cardiology']): StaffPrincipal => ({
  kind: 'staff',
  staffId,
  displayName: 'Dana Lee',
  roles: ['agent'],
  clinical: false,
  queues,
});

export function createTestEngine<S extends ConversationStore = MemoryConversationStore>(
  options: Partial<ConversationEngineOptions> & { store?: S } = {},
) {
  const store = options.store ?? (new MemoryConversationStore() as unknown as S);
  const delivery = new RecordingDelivery();
  const adapter = new RecordingAdapter();
  const bot: { calls: Parameters<BotChannel['notify']>[0][] } & BotChannel = {
    calls: [],
    async notify(target) {
      bot.calls.push(target);
    },
  };
  const engine = new ConversationEngine({
    store,
    adapter,
    delivery,
    logger: silentLogger,
    botChannel: bot,
    ...options,
  });
  // What agents do goes through the desk's agent-facing side, reporting through the host.
  const desk = new DeskAgentActions(
    store,
    () => engine.host,
    () => ({
      allows: (staff, conversation, action) =>
        canAccessConversation(staff, conversation, action).allowed,
      authorize: (staff, id, action, details) => engine.agent.authorize(staff, id, action, details),
      authorizeRecord: (staff, id, conversation, action) =>
        engine.agent.authorizeRecord(staff, id, conversation, action),
      committed: (id, externalId) => engine.committedAdapterMessage(id, externalId),
    }),
  );
  return { engine, store, delivery, adapter, bot, desk };
}
