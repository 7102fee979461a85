import { MemoryConversationStore } from '../../src/storage/memory';
import { testConversationStore } from '../../src/testing';

testConversationStore('memory', async () => {
  const store = new MemoryConversationStore();
  return { store, cleanup: () => store.close() };
});
