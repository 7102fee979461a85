import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../auth';
import { agentInfoOf } from '../auth/agent-info';

function staff(displayName: string): StaffPrincipal {
  return {
    kind: 'staff',
    staffId: 'agent-1',
    displayName,
    roles: ['agent'],
    clinical: false,
    queues: [],
  };
}

describe('agentInfoOf', () => {
  it('takes initials from words that start with a letter', () => {
    expect(agentInfoOf(staff('Amélie (agent)')).initials).toBe('A');
    expect(agentInfoOf(staff('Alex Martin')).initials).toBe('AM');
    expect(agentInfoOf(staff('Ana María López')).initials).toBe('AM');
    expect(agentInfoOf(staff('élodie durand')).initials).toBe('ÉD');
  });

  it('leaves initials out when no word starts with a letter', () => {
    expect(agentInfoOf(staff('(42)')).initials).toBeUndefined();
  });
});
