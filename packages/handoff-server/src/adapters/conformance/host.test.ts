import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import { ConformanceHost } from './host';

const agent = { id: 'agent-1', displayName: 'Alex' };

describe('ConformanceHost', () => {
  it('follows the state machine: queued, agentJoined, messages, ended', async () => {
    const host = new ConformanceHost();
    host.open('c1');
    await host.queued('c1', { queue: 'general', position: 2, estimatedWaitSeconds: 60 });
    await host.queued('c1', { queue: 'general', position: 1, estimatedWaitSeconds: 30 });
    await host.agentJoined('c1', agent);
    expect(await host.agentMessage('c1', { externalId: 'x1', text: 'hi' })).toEqual({ seq: 1 });
    expect(await host.agentMessage('c1', { externalId: 'x1', text: 'hi' })).toEqual({ seq: 1 });
    expect(host.nextSeq('c1')).toBe(2);
    expect(await host.agentMessage('c1', { externalId: 'x2', text: 'there' })).toEqual({ seq: 3 });
    await host.ended('c1', 'resolved');
    expect(host.state('c1')).toBe('ended');
    expect(host.violations()).toEqual([]);
    expect(host.reports('c1').map((r) => r.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'duplicate',
      'applied',
      'applied',
    ]);
  });

  it('rejects an agent message before anyone joined, and records it as a violation', async () => {
    const host = new ConformanceHost();
    host.open('c1');
    const error = await host.agentMessage('c1', { externalId: 'x', text: 'hi' }).catch((e) => e);
    expect(HandoffServerError.is(error, 'illegal_transition')).toBe(true);
    expect(host.violations()).toHaveLength(1);
  });

  it('rejects a second agentJoined by someone else, queued after joining, and invalid input', async () => {
    const host = new ConformanceHost();
    host.open('c1');
    await host.agentJoined('c1', agent);
    await host.agentJoined('c1', agent);
    const other = await host.agentJoined('c1', { id: 'agent-2', displayName: 'B' }).catch((e) => e);
    expect(HandoffServerError.is(other, 'illegal_transition')).toBe(true);
    const queued = await host
      .queued('c1', { queue: 'general', position: 1, estimatedWaitSeconds: null })
      .catch((e) => e);
    expect(HandoffServerError.is(queued, 'illegal_transition')).toBe(true);
    const invalid = await host
      .agentMessage('c1', { externalId: 'has space', text: 'x' })
      .catch((e) => e);
    expect(HandoffServerError.is(invalid, 'invalid_report')).toBe(true);
    expect(host.violations()).toHaveLength(3);
    expect(host.agent('c1')?.id).toBe('agent-1');
  });

  it('refuses every report for a closed or unknown conversation', async () => {
    const host = new ConformanceHost();
    host.open('c1');
    host.close('c1', 'patient-left');
    const closed = await host.agentJoined('c1', agent).catch((e) => e);
    expect(HandoffServerError.is(closed, 'illegal_transition')).toBe(true);
    const unknown = await host.ended('nope', 'resolved').catch((e) => e);
    expect(HandoffServerError.is(unknown, 'not_found')).toBe(true);
    host.agentTyping('c1', true);
    expect(host.reports('c1').at(-1)?.outcome).toBe('ignored');
  });

  it('waitFor resolves on the report that satisfies it and times out otherwise', async () => {
    const host = new ConformanceHost();
    host.open('c1');
    const waiting = host.waitFor(() => host.state('c1') === 'assigned', 'join', 1000);
    await host.agentJoined('c1', agent);
    await expect(waiting).resolves.toBeUndefined();
    await expect(host.waitFor(() => false, 'never', 20)).rejects.toThrow(/never/);
  });
});
