export { type StoreFixture, testConversationStore } from './storage/conformance';
