import type { ConversationSummary, DeskKpis } from '@baton/handoff-protocol';
import { serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { initialState } from '../src/session/console-state';
import { applyServerFrame } from '../src/session/state';

// One patient, one row on the supervisor's map: the escalated bot row and its handoff's row
// reach the console in either order (bot.ended and the handoff may come from two nodes).

const at = '2026-12-06T10:00:00.000Z';
const kpis: DeskKpis = {
  at,
  botConversations: 0,
  queued: 0,
  withAgent: 0,
  agentsAvailable: 0,
  agentsBusy: 0,
  averageWaitSeconds: null,
  longestWaitSeconds: null,
  handledToday: 0,
  abandonedToday: 0,
  averageSurveyRating: null,
};
const botRow: ConversationSummary = {
  conversationId: 'b-1',
  state: 'bot',
  startedAt: at,
  stateSince: at,
  lastActivityAt: at,
  endedAt: at,
  botOutcome: 'escalated',
  handoffConversationId: 'c-1',
};
const handoffRow: ConversationSummary = {
  conversationId: 'c-1',
  state: 'queued',
  startedAt: at,
  stateSince: at,
  lastActivityAt: at,
  patientDisplayName: 'Kim Lo',
  queue: 'general',
};

function subscribed() {
  const state = initialState({
    staffId: 'sam',
    displayName: 'Sam',
    roles: ['supervisor'],
    clinical: false,
    queues: [],
  });
  return applyServerFrame(
    state,
    serverToAgentMessage('supervisor.snapshot', { conversations: [], agents: [], kpis }),
  );
}
const upsert = (row: ConversationSummary) =>
  serverToAgentMessage('supervisor.update', { upserted: [row] });
const ids = (state: ReturnType<typeof subscribed>) =>
  state.supervisor?.conversations.map((c) => c.conversationId);

describe('supervisor map: one row per patient', () => {
  it('replaces the bot row with the handoff row when the bot ended first', () => {
    let state = applyServerFrame(subscribed(), upsert(botRow));
    expect(ids(state)).toEqual(['b-1']);
    state = applyServerFrame(state, upsert(handoffRow));
    expect(ids(state)).toEqual(['c-1']);
  });

  it('does not add the bot row when the handoff came first', () => {
    let state = applyServerFrame(subscribed(), upsert(handoffRow));
    state = applyServerFrame(state, upsert(botRow));
    expect(ids(state)).toEqual(['c-1']);
  });

  it('keeps a bot row whose handoff is not on the map, and dedupes a snapshot', () => {
    const other = { ...botRow, conversationId: 'b-2', handoffConversationId: 'c-9' };
    const state = applyServerFrame(
      subscribed(),
      serverToAgentMessage('supervisor.snapshot', {
        conversations: [botRow, other, handoffRow],
        agents: [],
        kpis,
      }),
    );
    expect(ids(state)).toEqual(['b-2', 'c-1']);
  });
});
