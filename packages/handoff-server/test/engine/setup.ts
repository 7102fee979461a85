import type { PatientPrincipal, StaffPrincipal } from '../../src/auth/principal';
import { ConversationEngine, type ConversationEngineOptions } from '../../src/engine/engine';
import type { BotChannel } from '../../src/engine/types';
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

export function createTestEngine(
  options: Partial<ConversationEngineOptions> & { store?: MemoryConversationStore } = {},
) {
  const store = options.store ?? new MemoryConversationStore();
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
  return { engine, store, delivery, adapter, bot };
}
