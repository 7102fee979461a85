import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/storage/contract';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

// Several nodes on one database: each follow-up cause yields one item, and one claim wins,
// whichever handle (node) acts.

async function race(nodes: ConversationStore[]) {
  const [first] = nodes;
  await first!.createConversation({ id: 'c1', patientId: 'p1', state: 'failed' });
  const creates = await Promise.all(
    nodes.flatMap((node, n) =>
      [0, 1].map((k) =>
        node.createFollowUp({
          id: `fu-${n}-${k}`,
          key: 'failed:c1',
          conversationId: 'c1',
          queue: 'general',
          priority: 'routine',
          patientId: 'p1',
          kind: 'failed',
          detail: { reason: 'no-agents' },
        }),
      ),
    ),
  );
  expect(creates.filter((c) => c.created)).toHaveLength(1);
  expect(new Set(creates.map((c) => c.item.id)).size).toBe(1);
  const id = creates[0]!.item.id;
  const claims = await Promise.all(nodes.map((node, n) => node.claimFollowUp(id, `agent-${n}`)));
  expect(claims.filter((c) => c.ok)).toHaveLength(1);
  expect(await first!.listFollowUps()).toHaveLength(1);
}

describe('follow-ups across nodes: SQLite (one file, several handles)', () => {
  it('creates one item per cause and lets one claim win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-nodes-'));
    const keyRing = testKeyRing();
    const nodes = [0, 1, 2].map(
      () => new SqliteConversationStore({ filename: join(dir, 'baton.db'), keyRing }),
    );
    try {
      await race(nodes);
    } finally {
      for (const node of nodes) await node.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skipWithoutPostgres)('follow-ups across nodes: PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates one item per cause and lets one claim win', async () => {
    const url = await server.createDatabase();
    const keyRing = testKeyRing();
    const nodes: PostgresConversationStore[] = [];
    for (let i = 0; i < 3; i += 1)
      nodes.push(await PostgresConversationStore.open({ connectionString: url, keyRing }));
    try {
      await race(nodes);
    } finally {
      for (const node of nodes) await node.close();
    }
  });
});
