import { describe, expect, it } from 'vitest';
import { createAccessGuard } from '../../src/auth/guard';
import type { Principal } from '../../src/auth/principal';
import { MemoryConversationStore } from '../../src/storage/memory';

const agent: Principal = {
  kind: 'staff',
  staffId: 'a1',
  displayName: 'Ada',
  roles: ['agent'],
  clinical: false,
  queues: ['general'],
};
const patient: Principal = {
  kind: 'patient',
  patientId: 'p1',
  displayName: 'Sam Secret-Name',
  locale: 'en',
  conversationId: null,
};
const intruder: Principal = {
  kind: 'patient',
  patientId: 'p2',
  displayName: 'Eve',
  locale: 'en',
  conversationId: null,
};
const admin: Principal = {
  kind: 'staff',
  staffId: 'ad1',
  displayName: 'Root',
  roles: ['admin'],
  clinical: false,
  queues: [],
};

async function setup() {
  const store = new MemoryConversationStore();
  await store.createConversation({ id: 'c1', patientId: 'p1', state: 'handoff_requested' });
  await store.enqueue('c1', { queue: 'general', priority: 'routine' });
  return { store, guard: createAccessGuard(store) };
}

describe('access guard audit trail', () => {
  it('audits transcript views, claims, transfers and deletions (allowed) with ids only', async () => {
    const { store, guard } = await setup();
    const c1 = (await store.getConversation('c1'))!;
    expect((await guard.conversation(agent, c1, 'transcript.view')).allowed).toBe(true);
    expect((await guard.conversation(agent, c1, 'claim')).allowed).toBe(true);
    await store.updateState('c1', { expected: 'queued', next: 'assigned', assignedAgentId: 'a1' });
    const assigned = (await store.getConversation('c1'))!;
    expect((await guard.conversation(agent, assigned, 'transcript.export')).allowed).toBe(true);
    expect(
      (await guard.conversation(agent, assigned, 'transfer', { targetId: 'billing' })).allowed,
    ).toBe(true);
    expect((await guard.conversation(admin, assigned, 'delete')).allowed).toBe(true);
    const log = await store.queryAudit({ conversationId: 'c1' });
    expect(log.map((r) => [r.action, r.outcome, r.actorId, r.actorRole])).toEqual([
      ['transcript.view', 'allowed', 'a1', 'agent'],
      ['conversation.claim', 'allowed', 'a1', 'agent'],
      ['transcript.export', 'allowed', 'a1', 'agent'],
      ['conversation.transfer', 'allowed', 'a1', 'agent'],
      ['conversation.delete', 'allowed', 'ad1', 'admin'],
    ]);
    expect(log[3]).toMatchObject({ targetId: 'billing', patientId: 'p1' });
  });

  it('does not flood the log with routine allowed reads and messages', async () => {
    const { store, guard } = await setup();
    const c1 = (await store.getConversation('c1'))!;
    await guard.conversation(patient, c1, 'view');
    await guard.conversation(patient, c1, 'message');
    expect(await store.queryAudit({})).toEqual([]);
  });

  it('audits every denial, whatever the action, with a reason code', async () => {
    const { store, guard } = await setup();
    const c1 = (await store.getConversation('c1'))!;
    expect(await guard.conversation(intruder, c1, 'view')).toEqual({
      allowed: false,
      reason: 'not_own_conversation',
    });
    expect((await guard.conversation(patient, c1, 'claim')).allowed).toBe(false);
    expect((await guard.missingConversation(intruder, 'c-guess', 'view')).allowed).toBe(false);
    expect((await guard.configuration(agent, 'config.update')).allowed).toBe(false);
    expect((await guard.configuration(admin, 'config.update')).allowed).toBe(true);
    const log = await store.queryAudit({});
    expect(log.map((r) => [r.action, r.outcome, r.actorId, r.reason])).toEqual([
      ['conversation.view', 'denied', 'p2', 'not_own_conversation'],
      ['conversation.claim', 'denied', 'p1', 'patient_action_forbidden'],
      ['conversation.view', 'denied', 'p2', 'conversation_not_reachable'],
      ['config.update', 'denied', 'a1', 'role_required'],
      ['config.update', 'allowed', 'ad1', null],
    ]);
    expect(JSON.stringify(log)).not.toContain('Secret-Name');
    expect(JSON.stringify(log)).not.toContain('Eve');
  });
});
