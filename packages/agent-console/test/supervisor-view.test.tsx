// @vitest-environment happy-dom
import type { DeskKpis } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { act, cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

const kpis: DeskKpis = {
  at: ago(0),
  botConversations: 1,
  queued: 2,
  withAgent: 1,
  agentsAvailable: 1,
  agentsBusy: 1,
  averageWaitSeconds: 95,
  longestWaitSeconds: 4000,
  handledToday: 14,
  abandonedToday: 2,
  averageSurveyRating: 4.6,
};

function supervisorSession() {
  return fakeSession(
    {
      supervisor: {
        kpis,
        conversations: [
          {
            conversationId: 'c-1',
            state: 'bot',
            startedAt: ago(60),
            stateSince: ago(60),
            lastActivityAt: ago(5),
          },
          {
            conversationId: 'c-2',
            state: 'queued',
            startedAt: ago(200),
            stateSince: ago(120),
            lastActivityAt: ago(5),
            patientDisplayName: 'Kim Lo',
            priority: 'emergency',
            queue: 'cardiology',
          },
          {
            conversationId: 'c-3',
            state: 'assigned',
            startedAt: ago(900),
            stateSince: ago(300),
            lastActivityAt: ago(5),
            patientDisplayName: 'Alex Martin',
            priority: 'routine',
            queue: 'billing',
            agent: { id: 'amelie', displayName: 'Amelie Roux' },
          },
        ],
        agents: [
          {
            agent: { id: 'amelie', displayName: 'Amelie Roux' },
            presence: 'busy',
            activeConversations: 1,
            averageHandleSeconds: 300,
          },
          {
            agent: { id: 'bruno', displayName: 'Bruno Diaz' },
            presence: 'available',
            activeConversations: 0,
            averageHandleSeconds: null,
          },
        ],
      },
    },
    { staffId: 'sam', displayName: 'Sam Lee', roles: ['supervisor'], queues: [] },
  );
}

describe('supervisor view', () => {
  it('opens on the dashboard for a supervisor, with KPIs', () => {
    const { session } = supervisorSession();
    renderInConsole(<Shell session={session} />);
    expect(screen.getByRole('heading', { name: 'Live dashboard' })).toBeTruthy();
    const figure = (key: string) => document.querySelector(`[data-kpi="${key}"] dd`)?.textContent;
    expect(figure('queued')).toBe('2');
    expect(figure('wait')).toBe('1 min');
    expect(figure('longest')).toBe('1 h 6 min');
    expect(figure('handle')).toBe('5 min');
    expect(figure('survey')).toBe('4.6 / 5');
    // Isolated left to right: a right-to-left page does not turn "1 h 6 min" into "min 6 h 1".
    expect(document.querySelector('[data-kpi="longest"] dd bdi')?.getAttribute('dir')).toBe('ltr');
    // A supervisor without the agent role has no presence switch.
    expect(screen.queryByLabelText('Presence')).toBeNull();
  });

  it('ages the longest wait and the oldest follow-up between updates (they come with changes)', () => {
    const { session } = fakeSession(
      {
        supervisor: {
          kpis: {
            ...kpis,
            at: ago(600),
            queued: 1,
            longestWaitSeconds: 0,
            followUpsOpen: 1,
            oldestFollowUpSeconds: 60,
          },
          conversations: [],
          agents: [],
        },
      },
      { staffId: 'sam', displayName: 'Sam Lee', roles: ['supervisor'], queues: [] },
    );
    renderInConsole(<Shell session={session} />);
    const figure = (key: string) => document.querySelector(`[data-kpi="${key}"] dd`)?.textContent;
    expect(figure('longest')).toBe('10 min'); // enqueued as the figures were taken, 10 min ago
    expect(figure('followup-oldest')).toBe('11 min');
    expect(figure('wait')).toBe('1 min'); // an average of waits that ended: as measured
  });

  it('puts every conversation on one map by stage, filterable, and lists agents', async () => {
    const { session, calls } = supervisorSession();
    renderInConsole(<Shell session={session} />);
    const map = screen.getByRole('region', { name: 'Conversations by state' });
    const stages = () =>
      [...map.querySelectorAll('tbody tr')].map((r) => [
        r.getAttribute('data-conversation-id'),
        r.getAttribute('data-stage'),
      ]);
    expect(stages()).toEqual([
      ['c-1', 'bot'],
      ['c-2', 'queued'],
      ['c-3', 'agent'],
    ]);
    expect(within(map).getByText('Emergency', { selector: '.badge' })).toBeTruthy();
    await user.change(screen.getByLabelText('Stage'), 'agent');
    expect(stages()).toEqual([['c-3', 'agent']]);
    expect(screen.getByText('1 of 3 conversations shown')).toBeTruthy();
    await user.change(screen.getByLabelText('Stage'), '');
    await user.change(screen.getByLabelText('Priority'), 'emergency');
    expect(stages()).toEqual([['c-2', 'queued']]);
    await user.click(screen.getByRole('button', { name: 'Open the conversation with Kim Lo' }));
    expect(calls.drillIn).toHaveBeenCalledWith('c-2');
    const agents = screen.getByRole('region', { name: 'Agents' });
    const rows = within(agents).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'AgentPresenceActive chatsAverage handle time',
      'Amelie RouxBusy15 min',
      'Bruno DiazAvailable0—',
    ]);
  });

  it('refreshes live when the session state changes', async () => {
    const { session, update } = supervisorSession();
    renderInConsole(<Shell session={session} />);
    await act(() =>
      update((s) => ({
        ...s,
        supervisor: {
          ...s.supervisor!,
          conversations: s.supervisor!.conversations.filter((c) => c.conversationId !== 'c-2'),
          kpis: { ...kpis, queued: 0 },
        },
      })),
    );
    expect(document.querySelector('[data-conversation-id="c-2"]')).toBeNull();
    expect(screen.getByText('2 of 2 conversations shown')).toBeTruthy();
    expect(document.querySelector('[data-kpi="queued"] dd')?.textContent).toBe('0');
  });

  it('lets a supervisor who is also an agent switch views', () => {
    const { session } = fakeSession({}, { roles: ['agent', 'supervisor'] });
    renderInConsole(<Shell session={session} />);
    expect(screen.getByRole('heading', { name: /Waiting patients/ })).toBeTruthy();
    user.click(screen.getByRole('button', { name: 'Supervisor dashboard' }));
    expect(screen.getByText('Loading the dashboard…')).toBeTruthy();
  });
});
