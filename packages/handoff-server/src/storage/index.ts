export * from './attachment-records';
export * from './chat-actions';
export * from './consult-threads';
export type { ConversationStore } from './contract';
export {
  aad,
  FieldCipher,
  generateEncryptionKey,
  type KeyRingConfig,
  type SealedValue,
} from './crypto';
export * from './desk-figures';
export * from './durability';
export * from './followup-records';
export { MemoryConversationStore, type MemoryStoreOptions } from './memory';
export { POSTGRES_MIGRATIONS } from './postgres/migrations';
export { PostgresConversationStore, type PostgresStoreOptions } from './postgres/store';
export * from './records';
export { SQLITE_MIGRATIONS } from './sqlite/migrations';
export { SqliteConversationStore, type SqliteStoreOptions } from './sqlite/store';
