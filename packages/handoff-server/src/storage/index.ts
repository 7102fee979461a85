export * from './api-keys';
export * from './attachment-records';
export * from './chat-actions';
export * from './consult-threads';
export type { ConversationStore } from './contract';
export {
  generateEncryptionKey,
  type KeyRingConfig,
} from './crypto';
export * from './desk-figures';
export * from './durability';
export * from './followup-records';
export { MemoryConversationStore } from './memory';
export { PostgresConversationStore } from './postgres/store';
export * from './records';
export { SqliteConversationStore } from './sqlite/store';
export * from './staff-assignments';
