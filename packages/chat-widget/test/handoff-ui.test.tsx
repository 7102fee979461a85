// @vitest-environment happy-dom
import { serverToPatientMessage as frame, type ServerToPatient } from '@baton/handoff-protocol';
import { fireEvent as dom, within } from '@testing-library/preact';
import { type ComponentChildren, render as preactRender } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { applyServerFrame, type HandoffState, initialHandoffState } from '../src/handoff/state';
import { acknowledge, addPatientMessage } from '../src/handoff/thread';
import { E164, normalisePhone } from '../src/handoff/ui/Fallback';
import { HandoffPanel } from '../src/handoff/ui/Panel';
import { HandoffBanner, statusText } from '../src/handoff/ui/Status';
import { handoffStringsFor } from '../src/handoff/ui/strings';
import { HandoffThread } from '../src/handoff/ui/Thread';
import type { HandoffActions } from '../src/handoff/ui/types';
import { STRINGS } from '../src/i18n/strings';

const C = 'c-1';
const agent = { id: 'amelie', displayName: 'Amelie Roux' };
const en = handoffStringsFor('en-GB');
const chat = STRINGS.en as NonNullable<(typeof STRINGS)['en']>;

function recorder() {
  const calls: [string, unknown][] = [];
  const actions: HandoffActions = {
    retry: (key) => calls.push(['retry', key]),
    answerSurvey: (response) => calls.push(['answerSurvey', response]),
    selectSlot: (slotId) => calls.push(['selectSlot', slotId]),
    changeAppointment: (type) => calls.push(['changeAppointment', type]),
    chooseFallback: (choice) => calls.push(['chooseFallback', choice]),
    leave: () => calls.push(['leave', null]),
  };
  return { calls, actions };
}

const state = (...frames: ServerToPatient[]) =>
  frames.reduce(applyServerFrame, initialHandoffState(C));
const joined = frame('agent.joined', { conversationId: C, seq: 2, agent });

function panel(s: HandoffState, back: () => void = () => {}) {
  const { calls, actions } = recorder();
  const view = render(
    <HandoffPanel
      state={s}
      actions={actions}
      strings={en}
      locale="en"
      onBack={back}
      opensInNewTab="(new tab)"
    />,
  );
  return { calls, view };
}

// Rendered with the components' own (ESM) Preact, events flushed with its `act`:
// @testing-library/preact's `render` loads Preact's CommonJS build, where hooks see no component.
const mounted: HTMLElement[] = [];
function render(ui: ComponentChildren) {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  act(() => preactRender(ui, container));
  return { container, ...within(container) };
}
function cleanup() {
  for (const container of mounted.splice(0)) {
    preactRender(null, container);
    container.remove();
  }
}
const fireEvent = {
  click: (element: Element) => act(() => void dom.click(element)),
  input: (element: Element, init: object) => act(() => void dom.input(element, init)),
  submit: (element: Element) => act(() => void dom.submit(element)),
};

afterEach(cleanup);

describe('phone numbers as people type them', () => {
  const e164 = (input: string, locale: string) =>
    normalisePhone(input, handoffStringsFor(locale).dialCode);

  it('reads national numbers in the region of the locale', () => {
    expect(e164('06 12 34 56 78', 'fr')).toBe('+33612345678');
    expect(e164('06.12.34.56.78', 'fr-BE')).toBe('+32612345678');
    expect(e164('612 34 56 78', 'es')).toBe('+34612345678');
    expect(e164('(212) 555-0100', 'en')).toBe('+12125550100');
    expect(e164('1 212 555 0100', 'en-US')).toBe('+12125550100');
    expect(e164('07700 900123', 'en-GB')).toBe('+447700900123');
  });

  it('keeps international numbers and reads 00 as +', () => {
    expect(e164('+33 6 12 34 56 78', 'es')).toBe('+33612345678');
    expect(e164('0033 6 12 34 56 78', 'en-GB')).toBe('+33612345678');
  });

  it('leaves what is not a number for the E.164 check to refuse', () => {
    expect(E164.test(e164('06 12', 'fr'))).toBe(false);
    expect(E164.test(e164('call me', 'fr'))).toBe(false);
    expect(E164.test(e164('06 12 34 56 78', 'de'))).toBe(false);
  });
});

describe('handoff status', () => {
  it('says the queue position and the estimated wait, or that it is not known yet', () => {
    const queued = (wait: number | null) =>
      state(
        frame('handoff.queued', {
          conversationId: C,
          queue: { queue: 'q', position: 3, estimatedWaitSeconds: wait },
        }),
      );
    expect(statusText(queued(240), en)).toBe(
      'You are number 3 in line. Estimated wait: about 4 min.',
    );
    expect(statusText(queued(null), en)).toBe(
      'You are number 3 in line. We don’t know the wait time yet.',
    );
    expect(statusText(queued(null), handoffStringsFor('fr'))).toContain('numéro 3');
    expect(statusText(queued(null), handoffStringsFor('es'))).toContain('número 3');
    expect(statusText(state(joined), en)).toBe('You are chatting with Amelie Roux.');
    const view = render(
      <HandoffBanner state={{ ...state(joined), link: 'reconnecting' }} strings={en} />,
    );
    expect(view.container.textContent).toContain('Reconnecting');
  });

  it('says what happens next once the message or callback request left from the fallback is sent', () => {
    const failed = state(
      frame('handoff.failed', {
        conversationId: C,
        seq: 2,
        reason: 'no-agents',
        fallbacks: ['leave-message', 'callback'],
      }),
    );
    const chose = (value: 'leave-message' | 'callback', status: 'sending' | 'done') => ({
      ...failed,
      fallback: { value, status },
    });
    expect(statusText(failed, en)).toBe('No one can take your conversation right now.');
    expect(statusText(chose('leave-message', 'sending'), en)).toBe(statusText(failed, en));
    expect(statusText(chose('leave-message', 'done'), en)).toBe(
      'Your message was sent to our team; we will get back to you.',
    );
    expect(statusText(chose('callback', 'done'), en)).toBe(
      'Your request was sent to our team; we will call you back.',
    );
    expect(statusText(chose('leave-message', 'done'), handoffStringsFor('fr'))).toContain(
      'notre équipe',
    );
    expect(statusText(chose('callback', 'done'), handoffStringsFor('es'))).toContain(
      'le llamaremos',
    );
    const view = render(<HandoffBanner state={chose('leave-message', 'done')} strings={en} />);
    expect(view.container.textContent).not.toContain('No one can take');
  });

  it('says the appointment is booked once one is confirmed after the fallback, and not after it is cancelled', () => {
    const failed = state(
      frame('handoff.failed', {
        conversationId: C,
        seq: 2,
        reason: 'no-agents',
        fallbacks: ['appointment'],
      }),
    );
    const appointment = {
      resourceType: 'Appointment' as const,
      id: 'appt-1',
      status: 'booked' as const,
      start: '2030-01-07T09:00:00.000Z',
      end: '2030-01-07T09:20:00.000Z',
    };
    const booked = { ...failed, confirmed: appointment } as HandoffState;
    expect(statusText(booked, en)).toBe(
      'We have your appointment; you can change or cancel it below.',
    );
    expect(statusText(booked, handoffStringsFor('fr'))).toContain('Nous avons votre rendez-vous');
    expect(statusText(booked, handoffStringsFor('es'))).toContain('Tenemos su cita');
    expect(statusText({ ...booked, confirmed: undefined }, en)).toBe(
      'No one can take your conversation right now.',
    );
  });

  it('says a conversation is already open elsewhere when the server refuses a second one', () => {
    const refused = (error: string): HandoffState => ({
      ...initialHandoffState(C),
      phase: 'unavailable',
      error,
    });
    expect(statusText(refused('handoff_in_progress'), en)).toBe(
      'You already have a conversation with our team open in another window or tab. Please continue there.',
    );
    expect(statusText(refused('handoff_in_progress'), handoffStringsFor('fr'))).toContain(
      'autre onglet',
    );
    expect(statusText(refused('handoff_in_progress'), handoffStringsFor('es'))).toContain(
      'otra ventana',
    );
    expect(statusText(refused('unavailable'), en)).toBe(
      'Talking to a person is not available right now.',
    );
  });
});

describe('handoff thread', () => {
  it('shows agent messages with the agent’s name and initials, apart from the patient’s', () => {
    let s = state(
      joined,
      frame('message', { conversationId: C, seq: 3, from: 'agent', agent, text: 'Hi, I am here.' }),
    );
    s = acknowledge(addPatientMessage(s, 'm-1', 'Thanks'), 'm-1', 4);
    s = applyServerFrame(s, frame('read', { conversationId: C, by: 'agent', upToSeq: 4 }));
    const { actions } = recorder();
    const view = render(
      <HandoffThread
        state={s}
        actions={actions}
        strings={en}
        locale="en"
        onBack={() => {}}
        chat={chat}
      />,
    );
    expect(view.getByText('Amelie Roux joined the chat.')).toBeTruthy();
    const agentMessage = view.container.querySelector('.msg.agent') as HTMLElement;
    expect(agentMessage.textContent).toContain('Amelie Roux');
    expect(agentMessage.querySelector('.avatar')?.textContent).toBe('AR');
    const own = view.container.querySelector('.msg.patient') as HTMLElement;
    expect(own.textContent).toContain('Seen');
  });

  it('renders an agent’s markdown inertly, and a patient’s text as typed', () => {
    const markdown =
      'Please **bring** [your card](javascript:alert(1)) <img src=x onerror=alert(2)>';
    let s = state(
      joined,
      frame('message', {
        conversationId: C,
        seq: 3,
        from: 'agent',
        agent,
        text: markdown,
        textFormat: 'markdown',
      }),
    );
    s = acknowledge(addPatientMessage(s, 'm-1', 'I **will**'), 'm-1', 4);
    const { actions } = recorder();
    const view = render(
      <HandoffThread
        state={s}
        actions={actions}
        strings={en}
        locale="en"
        onBack={() => {}}
        chat={chat}
      />,
    );
    const fromAgent = view.container.querySelector('.msg.agent .bubble') as HTMLElement;
    expect(fromAgent.querySelector('strong')?.textContent).toBe('bring');
    expect(fromAgent.querySelector('a[href^="javascript"]')).toBeNull();
    expect(fromAgent.querySelector('img')).toBeNull();
    expect(fromAgent.textContent).toContain('<img src=x onerror=alert(2)>');
    const own = view.container.querySelector('.msg.patient .bubble') as HTMLElement;
    expect(own.querySelector('strong')).toBeNull();
    expect(own.textContent).toBe('I **will**');
  });

  it('marks a failed message and retries it with its own key', () => {
    let s = addPatientMessage(state(joined), 'm-9', 'Lost');
    s = {
      ...s,
      items: s.items.map((i) => (i.key === 'm-9' ? { ...i, delivery: 'failed' as const } : i)),
    };
    const { calls, actions } = recorder();
    const view = render(
      <HandoffThread
        state={s}
        actions={actions}
        strings={en}
        locale="en"
        onBack={() => {}}
        chat={chat}
      />,
    );
    expect(view.container.textContent).toContain('Not sent.');
    expect(view.container.textContent).not.toContain('Seen');
    fireEvent.click(view.getByRole('button', { name: 'Retry' }));
    expect(calls).toEqual([['retry', 'm-9']]);
  });
});

describe('handoff panel', () => {
  it('shows the agent typing, and lets the patient end the chat', () => {
    const { calls, view } = panel(
      state(joined, frame('typing', { conversationId: C, from: 'agent', active: true })),
    );
    expect(view.getByText('Amelie Roux is typing…')).toBeTruthy();
    fireEvent.click(view.getByRole('button', { name: 'End chat' }));
    expect(calls).toEqual([['leave', null]]);
  });

  it('after the end, offers the way back to the assistant', () => {
    let back = 0;
    const { view } = panel(
      state(
        joined,
        frame('handoff.ended', { conversationId: C, seq: 5, endedBy: 'agent', reason: 'resolved' }),
      ),
      () => {
        back += 1;
      },
    );
    fireEvent.click(view.getByRole('button', { name: 'Back to the assistant' }));
    expect(back).toBe(1);
  });

  it('back with the bot, offers no way back to it (nor an end to a chat that is over)', () => {
    const { view } = panel(state(joined, frame('returned_to_bot', { conversationId: C, seq: 5 })));
    expect(view.getByRole('button', { name: 'Print or save' })).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Back to the assistant' })).toBeNull();
    expect(view.queryByRole('button', { name: 'End chat' })).toBeNull();
  });

  it('offers the fallbacks and checks the callback number (E.164, national numbers as typed)', () => {
    const failed = state(
      frame('handoff.failed', {
        conversationId: C,
        seq: 2,
        reason: 'no-agents',
        fallbacks: ['leave-message', 'callback', 'appointment'],
      }),
    );
    const { calls, view } = panel(failed);
    fireEvent.click(view.getByRole('button', { name: 'Request a callback' }));
    const phone = view.container.querySelector('input[type=tel]') as HTMLInputElement;
    // The form opens below the panel's fold: its first field takes the focus (and the view).
    expect(document.activeElement).toBe(phone);
    fireEvent.input(phone, { target: { value: '06 12' } });
    fireEvent.submit(phone.closest('form') as HTMLFormElement);
    expect(calls).toEqual([]);
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(view.container.textContent).toContain('phone number we can call');
    // A British patient types a national number: the region comes from the locale (en-GB).
    fireEvent.input(phone, { target: { value: '07700 900123' } });
    fireEvent.submit(phone.closest('form') as HTMLFormElement);
    expect(calls).toEqual([['chooseFallback', { option: 'callback', phone: '+447700900123' }]]);

    fireEvent.click(view.getByRole('button', { name: 'Leave a message' }));
    const text = view.container.querySelector('textarea') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(text);
    fireEvent.input(text, { target: { value: 'Please call me about my results' } });
    fireEvent.submit(text.closest('form') as HTMLFormElement);
    fireEvent.click(view.getByRole('button', { name: 'Book an appointment' }));
    expect(calls.slice(1)).toEqual([
      ['chooseFallback', { option: 'leave-message', text: 'Please call me about my results' }],
      ['chooseFallback', { option: 'appointment' }],
    ]);
  });

  it('shows the organisation’s out-of-hours notice as plain text with the fallbacks', () => {
    const failed = state(
      frame('handoff.failed', {
        conversationId: C,
        seq: 2,
        reason: 'out-of-hours',
        fallbacks: ['leave-message'],
        notice: 'We answer Monday to Friday, 8:00 to 18:00. <b>Leave a message</b>.',
      }),
    );
    const { view } = panel(failed);
    const notice = view.getByText(/We answer Monday to Friday/);
    expect(notice.textContent).toBe(
      'We answer Monday to Friday, 8:00 to 18:00. <b>Leave a message</b>.',
    );
    expect(view.container.querySelector('b')).toBeNull();
    expect(view.getByRole('button', { name: 'Leave a message' })).toBeTruthy();
  });

  it('asks the survey: required rating as a radio group, choices, free text', () => {
    const s = state(
      joined,
      frame('survey.request', {
        conversationId: C,
        seq: 6,
        survey: {
          id: 'csat-1',
          title: 'How did we do?',
          questions: [
            { id: 'overall', kind: 'rating', prompt: 'Overall?', required: true },
            {
              id: 'helped',
              kind: 'multiple-choice',
              prompt: 'What helped?',
              required: false,
              options: [
                { id: 'speed', label: 'Speed' },
                { id: 'kindness', label: 'Kindness' },
              ],
            },
            { id: 'comment', kind: 'free-text', prompt: 'Anything else?', required: false },
          ],
        },
      }),
    );
    const { calls, view } = panel(s);
    const group = view.getByRole('radiogroup', { name: 'Overall?' });
    expect(group.querySelectorAll('input[type=radio]')).toHaveLength(5);
    fireEvent.click(view.getByRole('button', { name: 'Send my answers' }));
    expect(calls).toEqual([]);
    expect(view.container.textContent).toContain('Please answer this question.');
    fireEvent.click(group.querySelectorAll('input')[3] as HTMLInputElement);
    fireEvent.click(view.getByLabelText('Kindness'));
    fireEvent.input(view.container.querySelector('textarea') as HTMLTextAreaElement, {
      target: { value: 'Thanks' },
    });
    fireEvent.click(view.getByRole('button', { name: 'Send my answers' }));
    expect(calls).toEqual([
      [
        'answerSurvey',
        {
          surveyId: 'csat-1',
          answers: {
            overall: { kind: 'rating', value: 4 },
            helped: { kind: 'multiple-choice', optionIds: ['kindness'] },
            comment: { kind: 'free-text', text: 'Thanks' },
          },
        },
      ],
    ]);
  });

  it('offers appointment slots, books one, and shows the confirmation', () => {
    const slots = [
      {
        resourceType: 'Slot' as const,
        id: 's-1',
        status: 'free' as const,
        start: '2026-11-27T09:00:00+01:00',
        end: '2026-11-27T09:20:00+01:00',
        schedule: { display: 'Dr. Martin' },
      },
      {
        resourceType: 'Slot' as const,
        id: 's-2',
        status: 'free' as const,
        start: '2026-11-27T10:00:00+01:00',
        end: '2026-11-27T10:20:00+01:00',
      },
    ];
    const offered = state(
      joined,
      frame('appointment.offer', { conversationId: C, seq: 3, offer: { offerId: 'o-1', slots } }),
    );
    const { calls, view } = panel(offered);
    const book = view.getByRole('button', { name: 'Book this time' }) as HTMLButtonElement;
    expect(book.disabled).toBe(true);
    fireEvent.click(view.container.querySelectorAll('input[type=radio]')[1] as HTMLInputElement);
    fireEvent.click(book);
    expect(calls).toEqual([['selectSlot', 's-2']]);
    cleanup();
    const confirmed = applyServerFrame(
      offered,
      frame('appointment.confirmed', {
        conversationId: C,
        seq: 4,
        appointment: {
          resourceType: 'Appointment',
          id: 'a-1',
          status: 'booked',
          start: '2026-11-27T10:00:00+01:00',
          end: '2026-11-27T10:20:00+01:00',
          participant: [{ actor: { display: 'Alex' }, status: 'accepted' }],
        },
      }),
    );
    expect(panel(confirmed).view.container.textContent).toContain('Your appointment is booked');
    cleanup();
    // Booked (ack'd): change or cancel it; a cancellation replaces the confirmation.
    const done = {
      ...confirmed,
      appointment: { ...confirmed.appointment!, status: 'done' as const },
    };
    const booked = panel(done);
    fireEvent.click(booked.view.getByRole('button', { name: 'Change' }));
    fireEvent.click(booked.view.getByRole('button', { name: 'Cancel' }));
    expect(booked.calls).toEqual([
      ['changeAppointment', 'appointment.reschedule'],
      ['changeAppointment', 'appointment.cancel'],
    ]);
    cleanup();
    const cancelled = applyServerFrame(
      done,
      frame('appointment.cancelled', {
        conversationId: C,
        seq: 5,
        appointment: {
          resourceType: 'Appointment',
          id: 'a-1',
          status: 'cancelled',
          start: '2026-11-27T10:00:00+01:00',
          end: '2026-11-27T10:20:00+01:00',
        },
      }),
    );
    const after = panel(cancelled).view;
    expect(after.getByRole('status').textContent).toContain('Cancelled:');
    expect(after.queryByRole('button', { name: 'Cancel' })).toBeNull();
    cleanup();
    // A later offer (to move it) is shown as a picker again.
    const reoffer = applyServerFrame(
      done,
      frame('appointment.offer', {
        conversationId: C,
        seq: 6,
        offer: { offerId: 'o-2', slots: [slots[0]!] },
      }),
    );
    expect(panel(reoffer).view.getByRole('button', { name: 'Book this time' })).toBeTruthy();
  });

  it('opens a call link safely, until it expires', () => {
    const call = (expiresAt: string) =>
      state(
        joined,
        frame('call.offer', {
          conversationId: C,
          seq: 3,
          call: {
            callId: 'k',
            provider: 'teams',
            joinUrl: 'https://calls.example.org/r/abc',
            expiresAt,
          },
        }),
      );
    const { view } = panel(call(new Date(Date.now() + 60_000).toISOString()));
    const link = view.getByRole('link') as HTMLAnchorElement;
    expect(link.href).toBe('https://calls.example.org/r/abc');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    cleanup();
    const expired = panel(call(new Date(Date.now() - 1000).toISOString())).view;
    expect(expired.queryByRole('link')).toBeNull();
    expect(expired.container.textContent).toContain('expired');
  });
});
