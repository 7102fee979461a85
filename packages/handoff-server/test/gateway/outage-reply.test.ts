import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { MemoryConversationStore } from '../../src/storage/memory';
import { connectAgent, startTestServer, type TestServer } from '../support/server';

/** A store whose worklist reads fail the way the PostgreSQL store fails during an outage. */
class WorklistOutageStore extends MemoryConversationStore {
  down = true;
  override async listFollowUps(...args: Parameters<MemoryConversationStore['listFollowUps']>) {
    if (this.down) throw new HandoffServerError('store_unavailable');
    return super.listFollowUps(...args);
  }
}

describe('a database outage on a path outside the engine', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('is answered as the retryable unavailable, and the same frame works once the database is back', async () => {
    const store = new WorklistOutageStore();
    server = await startTestServer({ store });
    const agent = await connectAgent(server.url, await server.tokens.staff('agent-1'));
    const first = agentMessage('followup.subscribe', {});
    agent.send(first);
    const refused = await agent.waitFor('error', (e) => e.inReplyTo === first.id);
    expect(refused).toMatchObject({ code: 'unavailable', retryable: true });

    store.down = false;
    const again = agentMessage('followup.subscribe', {});
    agent.send(again);
    const snapshot = await agent.waitFor('followup.snapshot');
    expect(snapshot.items).toEqual([]);
    expect(agent.of('error').filter((e) => e.code !== 'unavailable')).toEqual([]);
    agent.close();
  });
});
