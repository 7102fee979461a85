// @vitest-environment happy-dom
import type { ChatActionSet, HandoffRequest } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'routine',
  patient: { patientId: 'p-1', displayName: 'Alex Martin', locale: 'en' },
  transcript: { entries: [] },
};

function view(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    conversationId: 'c-9',
    state: 'assigned',
    request,
    items: [],
    lastSeq: 2,
    patientTyping: false,
    patientReadUpToSeq: 0,
    readSentUpToSeq: 0,
    unread: 0,
    held: true,
    ...overrides,
  };
}

const actions: ChatActionSet = {
  appointment: {
    slots: [
      { resourceType: 'Slot', id: 's1', status: 'free', start: inHours(24), end: inHours(24.5) },
      { resourceType: 'Slot', id: 's2', status: 'free', start: inHours(48), end: inHours(48.5) },
    ],
  },
  survey: true,
  transfer: {
    agents: [
      {
        agent: { id: 'zoe', displayName: 'Zoé Petit' },
        presence: 'away',
        queues: ['cardiology'],
        load: 0,
        capacity: 3,
      },
    ],
    queues: ['cardiology'],
  },
  consult: { agents: [] },
  wrapUp: {
    dispositions: [
      { code: 'resolved', label: 'Resolved' },
      { code: 'appointment_booked', label: 'Appointment booked' },
    ],
  },
};

const withActions = (conversation: ConversationView, extra = {}) =>
  fakeSession({
    conversations: [conversation],
    activeConversationId: 'c-9',
    chat: { available: { 'c-9': actions }, wrapUps: {}, consults: [], ...extra },
  });

describe('chat actions in the console', () => {
  it('offers the slots the agent ticks', () => {
    const { session, calls } = withActions(view());
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: 'Offer appointment' }));
    const dialog = screen.getByRole('dialog', { name: 'Offer appointment slots' });
    const boxes = within(dialog).getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    user.click(boxes[1]!);
    user.click(within(dialog).getByRole('button', { name: 'Offer selected slots (1)' }));
    expect(calls.offerAppointment).toHaveBeenCalledWith('c-9', {
      offerId: expect.any(String),
      slots: [actions.appointment!.slots[0]],
    });
  });

  it('lists an away colleague for transfer, but she cannot be chosen', () => {
    const { session } = withActions(view());
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: 'Transfer' }));
    const zoe = screen.getByRole('radio', { name: 'Zoé Petit' }) as HTMLInputElement;
    expect(zoe.disabled).toBe(true);
    expect(screen.getByText(/Away · 0 of 3 chats/)).toBeTruthy();
  });

  it('ends with a wrap-up: disposition (in the console language) and summary', () => {
    const { session, calls } = withActions(view());
    renderInConsole(<Shell session={session} />, { locale: 'fr' });
    user.click(screen.getByRole('button', { name: 'Terminer la conversation' }));
    const dialog = screen.getByRole('dialog', { name: 'Clôturer et terminer' });
    const select = within(dialog).getByLabelText('Issue') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['Résolu', 'Rendez-vous pris']);
    user.change(select, 'appointment_booked');
    user.input(within(dialog).getByLabelText('Résumé (personnel uniquement)'), '  RDV pris  ');
    user.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    expect(calls.wrapUp).toHaveBeenCalledWith('c-9', {
      disposition: 'appointment_booked',
      summary: 'RDV pris',
    });
    expect(calls.end).toHaveBeenCalledWith('c-9', 'resolved');
  });

  it('after the patient left, records the wrap-up only; once saved, says so', () => {
    const ended = view({ state: 'abandoned', closedBy: { event: 'patient_leave' } });
    const { session, calls } = withActions(ended);
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: 'Wrap up' }));
    user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(calls.wrapUp).toHaveBeenCalledWith('c-9', { disposition: 'resolved', summary: '' });
    expect(calls.end).not.toHaveBeenCalled();
    cleanupRendered();

    const saved = withActions(ended, {
      wrapUps: { 'c-9': { disposition: 'appointment_booked', summary: '' } },
    });
    renderInConsole(<Shell session={saved.session} />);
    expect(screen.getByText('Wrap-up saved: Appointment booked')).toBeTruthy();
  });
});

describe('desk alerts in the top bar', () => {
  it('counts waiting work in the tab title and shows a waiting emergency distinctly', () => {
    document.title = 'Baton agent console';
    const { session } = fakeSession({
      queue: [
        {
          conversationId: 'c-1',
          queue: 'cardiology',
          priority: 'emergency',
          escalation: 'urgent',
          patientDisplayName: 'Alex Martin',
          locale: 'en',
          enqueuedAt: new Date().toISOString(),
          position: 1,
        },
      ],
    });
    renderInConsole(<Shell session={session} />);
    expect(document.title).toBe('(1) Baton agent console');
    // No patient data in the banner: the queue only.
    const banner = screen
      .getAllByRole('alert')
      .find((el) => el.textContent === 'Emergency waiting in cardiology queue');
    expect(banner).toBeTruthy();
    const sound = screen.getByRole('button', { name: 'Sound on' });
    expect(sound.getAttribute('aria-pressed')).toBe('true');
    user.click(sound);
    expect(screen.getByRole('button', { name: 'Sound off' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(localStorage.getItem('baton.console.muted')).toBe('1');
    cleanupRendered();
    expect(document.title).toBe('Baton agent console');
  });
});
