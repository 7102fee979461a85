import { describe, expect, it } from 'vitest';
import { inViewAudience, viewAudience } from '../../src/auth/audience';
import { canAccessConversation } from '../../src/auth/policy';
import type { StaffPrincipal, StaffRole } from '../../src/auth/principal';
import type { ConversationState } from '../../src/storage/records';

// The room rule that drops staff from a conversation's room (viewAudience) and the policy's
// per-person decision (canAccessConversation 'view') agree for every state, role and queue.

const STATES: ConversationState[] = [
  'bot',
  'handoff_requested',
  'queued',
  'assigned',
  'ended',
  'returned_to_bot',
  'abandoned',
  'expired',
  'failed',
];
const ROLE_SETS: StaffRole[][] = [
  ['agent'],
  ['supervisor'],
  ['admin'],
  ['agent', 'supervisor'],
  ['agent', 'admin'],
];

describe('view audience', () => {
  it('matches canAccessConversation(view) for every combination', () => {
    let checked = 0;
    for (const state of STATES)
      for (const queue of [null, 'cardiology', 'billing'])
        for (const assignedAgentId of [null, 'ana', 'ben'])
          for (const roles of ROLE_SETS)
            for (const queues of [[], ['cardiology'], ['billing', 'cardiology']])
              for (const staffId of ['ana', 'zoe']) {
                const staff: StaffPrincipal = {
                  kind: 'staff',
                  staffId,
                  displayName: staffId,
                  roles,
                  clinical: false,
                  queues,
                };
                const conversation = {
                  id: 'c1',
                  patientId: 'p1',
                  state,
                  queue,
                  assignedAgentId,
                };
                const policy = canAccessConversation(staff, conversation, 'view').allowed;
                expect(
                  inViewAudience(staff, viewAudience(conversation)),
                  JSON.stringify({ state, queue, assignedAgentId, roles, queues, staffId }),
                ).toBe(policy);
                checked += 1;
              }
    expect(checked).toBe(STATES.length * 3 * 3 * ROLE_SETS.length * 3 * 2);
  });
});
