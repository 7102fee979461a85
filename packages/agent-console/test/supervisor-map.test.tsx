// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(cleanupRendered);

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

// The walk's findings on the map: bot rows say who they are and why they ended; an
// emergency nobody could take says where it went rather than "Failed".
describe('supervisor map rows', () => {
  it('names bot rows, gives the reason of an escalation and where a failed one went', () => {
    const { session } = fakeSession(
      {
        supervisor: {
          kpis: {
            at: ago(0),
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
          },
          agents: [],
          conversations: [
            {
              conversationId: 'b-1',
              state: 'bot',
              startedAt: ago(90),
              stateSince: ago(90),
              lastActivityAt: ago(30),
              endedAt: ago(30),
              locale: 'en',
              entryPath: '/',
              botOutcome: 'escalated',
              escalation: 'patient-requested',
            },
            {
              conversationId: 'c-9',
              state: 'failed',
              startedAt: ago(60),
              stateSince: ago(50),
              lastActivityAt: ago(50),
              endedAt: ago(50),
              patientDisplayName: 'Alex',
              priority: 'emergency',
              queue: 'general',
              followUpOpen: true,
            },
          ],
        },
      },
      { staffId: 'sam', displayName: 'Sam Lee', roles: ['supervisor'], queues: [] },
    );
    renderInConsole(<Shell session={session} />);
    const cells = (id: string) =>
      [...document.querySelectorAll(`tr[data-conversation-id="${id}"] td`)].map(
        (td) => td.textContent,
      );
    expect(cells('b-1')[0]).toBe('Patient (chat with the bot)');
    expect(cells('b-1')[6]).toBe(
      'Language: English (en)Page: /Handed to a person: Patient asked for a person',
    );
    expect(cells('c-9')[6]).toBe('Nobody could take it: in the follow-up worklist');
    expect(screen.queryByText('Failed')).toBeNull();
  });
});
