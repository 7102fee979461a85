import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableScheduler } from '../../src/engine/scheduler';
import { scheduleRetention } from '../../src/insights/retention';
import { createLogger } from '../../src/ops/logger';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { startTestServer, type TestServer } from '../support/server';

// Retention: a dry-run count, a purge an administrator runs now, the daily purge claimed
// through the store's schedules (one node runs it, then re-arms it), per-patient deletion.

const DAY = 86_400_000;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** Two finished conversations, one of them ended 40 days ago, and one still queued. */
async function history(store: SqliteConversationStore) {
  for (const id of ['old', 'recent'] as const) {
    await store.createConversation({ id, patientId: `p-${id}` });
    await store.updateState(id, { expected: 'bot', next: 'ended' });
  }
  await store.createConversation({ id: 'live', patientId: 'p-old', state: 'handoff_requested' });
  store.db
    .prepare('UPDATE conversations SET ended_at = ? WHERE id = ?')
    .run(new Date(Date.now() - 40 * DAY).toISOString(), 'old');
}

const call = (url: string, token: string, method = 'GET') =>
  fetch(url, { method, headers: { authorization: `Bearer ${token}` } });

describe('retention', () => {
  it('counts, purges on demand and deletes one patient, for administrators only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-retention-'));
    const store = new SqliteConversationStore({
      filename: join(dir, 'baton.db'),
      keyRing: testKeyRing(),
    });
    const server: TestServer = await startTestServer({ store, retentionDays: 30 });
    cleanup.push(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await history(store);
    const admin = await server.tokens.staff('root', ['admin'], []);
    const policy = await call(`${server.url}/api/admin/retention`, admin);
    expect(await policy.json()).toMatchObject({
      finishedDays: 30,
      source: 'config',
      wouldPurge: 1,
    });
    const byAgent = await call(
      `${server.url}/api/admin/retention/purge`,
      await server.tokens.staff('ben'),
      'POST',
    );
    expect(byAgent.status).toBe(403);
    expect(await store.getConversation('old')).not.toBeNull();
    const purged = await call(`${server.url}/api/admin/retention/purge`, admin, 'POST');
    expect(await purged.json()).toMatchObject({ finishedDays: 30, conversations: 1 });
    expect(await store.getConversation('old')).toBeNull();
    expect(await store.getConversation('recent')).not.toBeNull();

    const deleted = await call(`${server.url}/api/admin/patients/p-recent/delete`, admin, 'POST');
    expect(await deleted.json()).toMatchObject({ patientId: 'p-recent', conversations: 1 });
    expect(await store.getConversation('recent')).toBeNull();
    const audit = (await store.queryAudit({}))
      .filter((a) => ['retention.purge', 'patient.delete'].includes(a.action))
      .map((a) => [a.action, a.outcome, a.actorId, a.conversationId ?? a.patientId ?? a.reason]);
    expect(audit).toEqual([
      ['retention.purge', 'denied', 'ben', 'role_required'],
      ['retention.purge', 'allowed', 'system', 'old'],
      ['retention.purge', 'allowed', 'root', 'manual'],
      ['patient.delete', 'allowed', 'root', 'p-recent'],
    ]);
  });

  it('runs the daily purge from the store schedules and re-arms it for the next day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-retention-'));
    const store = new SqliteConversationStore({
      filename: join(dir, 'baton.db'),
      keyRing: testKeyRing(),
    });
    const scheduler = new DurableScheduler({
      store,
      logger: createLogger({ level: 'silent' }),
      pollMs: 20,
    });
    cleanup.push(async () => {
      await scheduler.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await history(store);
    await store.putSetting('retention', { finishedDays: 30 }, 'root');
    scheduleRetention({
      store,
      scheduler,
      logger: createLogger({ level: 'silent' }),
      seedDays: 7,
      firstRunMs: 0,
    });
    scheduler.start();
    const before = Date.now();
    let row = await store.getSchedule('retention', 'purge');
    for (let i = 0; i < 200 && (!row || Date.parse(row.dueAt) < before + DAY / 2); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      row = await store.getSchedule('retention', 'purge');
    }
    expect(Date.parse(row!.dueAt)).toBeGreaterThan(before + DAY / 2);
    expect(await store.getConversation('old')).toBeNull();
    expect(await store.getConversation('recent')).not.toBeNull();
    expect(await store.getConversation('live')).not.toBeNull();
  });
});
