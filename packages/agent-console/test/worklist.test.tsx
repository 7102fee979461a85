// @vitest-environment happy-dom
import type { FollowUpItem } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { applyServerFrame } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { act, cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

const message: FollowUpItem = {
  id: 'fu-1',
  conversationId: 'c-1',
  queue: 'cardiology',
  priority: 'urgent',
  kind: 'message',
  patientDisplayName: 'Kim Lo',
  request: { text: 'Can I take my pills with food?' },
  createdAt: ago(3700),
  status: 'open',
};
const callback: FollowUpItem = {
  id: 'fu-2',
  conversationId: 'c-2',
  queue: 'cardiology',
  priority: 'routine',
  kind: 'callback',
  patientDisplayName: 'Alex Martin',
  request: { phone: '+33612345678', preferredTime: 'after 17:00' },
  createdAt: ago(120),
  status: 'claimed',
  claimedBy: { id: 'bruno', displayName: 'Bruno Diaz' },
};
const counts = { open: 1, claimed: 1, oldestOpenSeconds: 3700, closedToday: 4 };

function worklistSession() {
  return fakeSession({
    worklist: { items: [message, callback], counts, closedByMe: [], transcripts: {} },
  });
}

describe('follow-up worklist', () => {
  it('lists what patients left behind with kind, patient, queue, priority, age and request', () => {
    const { session } = worklistSession();
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: 'Follow-ups (2)' }));
    const list = screen.getByRole('region', { name: 'Follow-ups (2)' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Left a message');
    expect(rows[0]!.textContent).toContain('Kim Lo');
    expect(rows[0]!.textContent).toContain('Can I take my pills with food?');
    expect(rows[0]!.textContent).toContain('1 h 1 min');
    expect(rows[0]!.textContent).toContain('Urgent');
    expect(rows[1]!.textContent).toContain('Call back on +33612345678');
    expect(rows[1]!.textContent).toContain('Taken by Bruno Diaz');
    // Only the open one can be taken.
    expect(within(rows[1]!).queryByRole('button', { name: /Take/ })).toBeNull();
    expect(screen.getByText('Follow-ups to do: 1. In progress: 1.')).toBeTruthy();
    expect(document.querySelector('.worklist-counts')?.textContent).toContain('Closed today4');
  });

  it('heads the list with what it holds, to do and in progress alike, as the counts say', () => {
    const { session } = fakeSession({
      worklist: {
        items: [callback],
        counts: { ...counts, open: 0, claimed: 1 },
        closedByMe: [],
        transcripts: {},
      },
    });
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: /Follow-ups/ }));
    const heading = screen.getByRole('heading', { level: 2, name: 'Follow-ups (1)' });
    expect(heading.textContent).not.toMatch(/to do/i);
    const shown = document.querySelector('.worklist-counts')?.textContent ?? '';
    expect(shown).toContain('To do0');
    expect(shown).toContain('In progress1');
  });

  it('takes an item, opens its conversation and closes it with an outcome note', async () => {
    const { session, calls, update } = worklistSession();
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: /Follow-ups/ }));
    user.click(screen.getByRole('button', { name: 'Take the follow-up for Kim Lo' }));
    expect(calls.claimFollowUp).toHaveBeenCalledWith('fu-1');
    expect(calls.openFollowUp).toHaveBeenCalledWith('fu-1', 'c-1');
    expect(screen.getByText('Take this follow-up to close it.')).toBeTruthy();
    await act(() =>
      update((s) =>
        applyServerFrame(s, {
          v: 1,
          type: 'followup.update',
          id: 's-1',
          ts: ago(0),
          item: {
            ...message,
            status: 'claimed',
            claimedBy: { id: 'amelie', displayName: 'Amelie Roux' },
          },
        }),
      ),
    );
    const note = screen.getByLabelText('Outcome note');
    user.input(note, 'Called back: yes, with food.');
    user.click(screen.getByRole('button', { name: 'Close follow-up' }));
    expect(calls.closeFollowUp).toHaveBeenCalledWith('fu-1', 'Called back: yes, with food.');
    await act(() =>
      update((s) =>
        applyServerFrame(s, {
          v: 1,
          type: 'followup.update',
          id: 's-2',
          ts: ago(0),
          item: {
            ...message,
            status: 'closed',
            claimedBy: { id: 'amelie', displayName: 'Amelie Roux' },
            outcomeNote: 'Called back: yes, with food.',
            closedAt: ago(0),
          },
          counts: { ...counts, open: 0, closedToday: 5 },
        }),
      ),
    );
    expect(screen.getByText('Closed. Outcome: Called back: yes, with food.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Follow-ups (1)' })).toBeTruthy();
  });

  it('shows the worklist figures on the supervisor dashboard', () => {
    const { session } = fakeSession(
      {
        supervisor: {
          conversations: [],
          agents: [],
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
            followUpsOpen: 3,
            oldestFollowUpSeconds: 5400,
            followUpsClosedToday: 7,
          },
        },
      },
      { roles: ['supervisor'], queues: [] },
    );
    renderInConsole(<Shell session={session} />);
    const figure = (key: string) => document.querySelector(`[data-kpi="${key}"] dd`)?.textContent;
    expect(figure('followups')).toBe('3');
    expect(figure('followup-oldest')).toBe('1 h 30 min');
    expect(figure('followups-closed')).toBe('7');
  });
});
