// @vitest-environment happy-dom
import type { HandoffRequest } from '@baton/handoff-protocol';
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { newView } from '../src/session/console-state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(cleanupRendered);

const request: HandoffRequest = {
  reason: { kind: 'patient-requested', detail: 'phrase-list' },
  priority: 'routine',
  patient: { patientId: 'p1', displayName: 'Kim Lo', locale: 'en' },
  transcript: { entries: [] },
};

function watching(state: 'queued' | 'ended') {
  return fakeSession(
    {
      supervisor: {
        kpis: {
          at: new Date().toISOString(),
          botConversations: 0,
          queued: 1,
          withAgent: 0,
          agentsAvailable: 0,
          agentsBusy: 0,
          averageWaitSeconds: null,
          longestWaitSeconds: null,
          handledToday: 0,
          abandonedToday: 0,
          averageSurveyRating: null,
        },
        conversations: [],
        agents: [],
      },
      drillIn: { conversationId: 'c-2', view: newView('c-2', state, request), barged: false },
    },
    { staffId: 'sam', displayName: 'Sam Lee', roles: ['supervisor'], queues: [] },
  );
}

// A supervisor who opens a waiting conversation is told it waits for an agent, not that it
// ended (the console's "not mine any more" states include `queued`).
describe('drill-in of a waiting conversation', () => {
  it('says it waits for an agent', () => {
    renderInConsole(<Shell session={watching('queued').session} />);
    expect(screen.getByText(/Waiting for an agent/)).toBeTruthy();
    expect(screen.queryByText('This conversation has ended.')).toBeNull();
  });

  it('says an ended one has ended', () => {
    renderInConsole(<Shell session={watching('ended').session} />);
    expect(screen.getByText('This conversation has ended.')).toBeTruthy();
  });
});
