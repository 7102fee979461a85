import { describe, expect, it } from 'vitest';
import { ConversationState } from '../domain/conversation';
import { createHandoffStatus, handoffStatusForConversationState } from './handoff-status';

describe('handoffStatusForConversationState', () => {
  it('maps every Baton conversation state', () => {
    const mapped = Object.fromEntries(
      ConversationState.options.map((state) => [state, handoffStatusForConversationState(state)]),
    );
    expect(mapped).toEqual({
      bot: null,
      handoff_requested: null,
      queued: null,
      assigned: 'accepted',
      ended: 'completed',
      returned_to_bot: 'completed',
      abandoned: null,
      expired: 'failed',
      failed: 'failed',
    });
  });
});

describe('createHandoffStatus', () => {
  it('gives each event a fresh id and leaves message out unless given', () => {
    const a = createHandoffStatus('accepted', { conversation: { id: 'c' } });
    const b = createHandoffStatus('failed', { conversation: { id: 'c' }, message: 'Closed' });
    expect(a.id).not.toBe(b.id);
    expect(a.value).toEqual({ state: 'accepted' });
    expect('message' in a.value).toBe(false);
    expect(b.value).toEqual({ state: 'failed', message: 'Closed' });
  });
});
