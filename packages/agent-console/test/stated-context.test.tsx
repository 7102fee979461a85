// @vitest-environment happy-dom
import type { HandoffRequest, QueueItem } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole } from './support/render';

// What the browser said about the patient is shown apart from the verified context and
// labelled "stated by the patient"; staff see why a handoff has its priority.

afterEach(cleanupRendered);

const item: QueueItem = {
  conversationId: 'c-1',
  queue: 'cardiology',
  priority: 'urgent',
  escalation: 'urgent',
  patientDisplayName: 'Alex Martin',
  patientStatedName: 'Dr. Impostor',
  locale: 'en',
  enqueuedAt: new Date().toISOString(),
  position: 1,
  triage: { requested: 'emergency', decided: 'urgent', basis: 'no-red-flag' },
};

const request: HandoffRequest = {
  reason: { kind: 'urgent' },
  priority: 'emergency',
  patient: {
    patientId: 'p-1',
    displayName: 'Alex Martin',
    locale: 'en',
    attributes: [{ key: 'plan', label: 'Plan', value: 'Gold', displayable: true, clinical: false }],
  },
  statedByPatient: {
    displayName: 'Dr. Impostor',
    attributes: [
      {
        key: 'identityVerified',
        label: 'Identity verified',
        value: 'yes',
        displayable: true,
        clinical: false,
      },
    ],
  },
  triage: {
    requested: 'routine',
    decided: 'emergency',
    basis: 'red-flag',
    matchedText: 'chest pain',
  },
  transcript: { entries: [] },
};

const conversation: ConversationView = {
  conversationId: 'c-9',
  state: 'assigned',
  request,
  agent: { id: 'amelie', displayName: 'Amelie Roux' },
  items: [],
  lastSeq: 0,
  patientTyping: false,
  patientReadUpToSeq: 0,
  readSentUpToSeq: 0,
  unread: 0,
  held: true,
};

describe('stated by the patient, apart from the verified context', () => {
  it('queue item: the verified name first, the stated one labelled, and why this priority', () => {
    const { session } = fakeSession({ queue: [item] });
    renderInConsole(<Shell session={session} />);
    const row = screen.getAllByRole('listitem').find((li) => li.textContent?.includes('Alex'))!;
    expect(row.querySelector('.patient-name')?.textContent).toBe('Alex Martin');
    expect(within(row).getByText('Stated by the patient (not verified)')).toBeTruthy();
    expect(row.textContent).toContain('Name stated by the patient: Dr. Impostor');
    expect(row.textContent).toContain('no red flag found, handled as urgent');
    // Accept names the verified patient only.
    expect(screen.getByRole('button', { name: /Alex Martin/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Impostor/ })).toBeNull();
  });

  it('conversation header and patient panel keep the stated details in their own section', () => {
    const { session } = fakeSession({ conversations: [conversation], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={session} />);
    expect(screen.getByRole('heading', { level: 2, name: /Alex Martin/ })).toBeTruthy();
    const panel = screen.getByRole('region', { name: 'Patient' });
    const stated = within(panel).getByRole('region', {
      name: 'Stated by the patient (not verified)',
    });
    expect(within(stated).getByText('Dr. Impostor')).toBeTruthy();
    expect(within(stated).getByText('Identity verified')).toBeTruthy();
    // The verified list does not hold the stated attribute.
    const verified = [...panel.querySelectorAll(':scope > dl > div')].map((d) => d.textContent);
    expect(verified.some((text) => text?.includes('Identity verified'))).toBe(false);
    expect(verified.some((text) => text?.includes('Gold'))).toBe(true);
    expect(panel.textContent).toContain('Red flag in the patient’s words — chest pain');
  });

  it('shows the language the patient picked in the chat apart from the verified one', () => {
    const spanish = {
      ...conversation,
      request: { ...request, statedByPatient: { locale: 'es' } },
    };
    const { session } = fakeSession({ conversations: [spanish], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={session} />);
    const panel = screen.getByRole('region', { name: 'Patient' });
    // Beside the portal's (verified) language, under the "stated" badge, once.
    const chat = panel.querySelector('.chat-language') as HTMLElement;
    expect(chat.textContent).toContain('Stated by the patient (not verified)');
    expect(chat.textContent).toMatch(/Spanish|español/i);
    expect(panel.textContent?.match(/Spanish \(es\)/g)).toHaveLength(1);
    expect(
      within(panel).queryByRole('region', { name: 'Stated by the patient (not verified)' }),
    ).toBeNull();
  });

  it('is translated in French and Spanish', () => {
    const { session } = fakeSession({ conversations: [conversation], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={session} />, { locale: 'fr' });
    expect(
      screen.getByRole('region', { name: 'Déclaré par le patient (non vérifié)' }),
    ).toBeTruthy();
    cleanupRendered();
    renderInConsole(<Shell session={fakeSession({ queue: [item] }).session} />, { locale: 'es' });
    expect(document.body.textContent).toContain('Nombre declarado por el paciente: Dr. Impostor');
  });

  it('names the verified contact in the console’s language, whatever the portal called it', () => {
    const contact: ConversationView = {
      ...conversation,
      request: {
        ...request,
        patient: {
          ...request.patient,
          attributes: [
            {
              key: 'timeZone',
              label: 'Time zone',
              value: 'Europe/Paris',
              displayable: true,
              clinical: false,
            },
            {
              key: 'phone',
              label: 'Phone',
              value: '+33 1 23 45 67 89',
              displayable: true,
              clinical: false,
            },
          ],
        },
      },
    };
    const { session } = fakeSession({ conversations: [contact], activeConversationId: 'c-9' });
    renderInConsole(<Shell session={session} />, { locale: 'es' });
    const panel = screen.getByRole('region', { name: 'Paciente' });
    expect(panel.textContent).toContain('Zona horaria');
    expect(panel.textContent).toContain('Teléfono');
    expect(panel.textContent).not.toContain('Time zone');
  });
});
