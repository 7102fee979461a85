import { parentPort, workerData } from 'node:worker_threads';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';

/** One SQLite handle in its own thread: claims each conversation, reports what it won. */
const { filename, keyRing, agentId, conversationIds, appendTo } = workerData as {
  filename: string;
  keyRing: { activeKeyId: string; keys: Record<string, string> };
  agentId: string;
  conversationIds: string[];
  appendTo: string;
};

const store = new SqliteConversationStore({ filename, keyRing, busyTimeoutMs: 20_000 });
const won: string[] = [];
for (const id of conversationIds) {
  const result = await store.updateState(id, {
    expected: 'queued',
    next: 'assigned',
    assignedAgentId: agentId,
  });
  if (result.ok) won.push(id);
}
const seqs: number[] = [];
for (let i = 0; i < 25; i += 1) {
  const { message } = await store.appendMessage(appendTo, {
    clientMessageId: `${agentId}-${i}`,
    from: 'agent',
    senderId: agentId,
    body: `m${i}`,
  });
  seqs.push(message.seq);
}
await store.close();
parentPort?.postMessage({ won, seqs });
