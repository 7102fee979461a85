import { MemoryConversationStore } from '../../src/storage/memory';
import { testConversationStore } from '../../src/testing';

testConversationStore('memory', async (options) => {
  const store = new MemoryConversationStore(options);
  return { store, cleanup: () => store.close() };
});
