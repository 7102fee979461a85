export { isRetryLater, Outbox, type OutboxEntry, type OutboxOptions } from './outbox';
export { SeqInbox } from './seq-inbox';
