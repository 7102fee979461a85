// @vitest-environment happy-dom
import type { HandoffRequest } from '@baton/handoff-protocol';
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(cleanupRendered);

const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'routine',
  patient: { patientId: 'p-1', displayName: 'Alex Martin', locale: 'en' },
  transcript: { entries: [] },
};
const at = new Date().toISOString();

describe('the consulted colleague’s read-only view', () => {
  it('renders the agent’s markdown as the patient saw it, and says when it ended', () => {
    const { session } = fakeSession({
      chat: {
        available: {},
        wrapUps: {},
        consults: [
          {
            conversationId: 'c-1',
            consultantId: 'me',
            role: 'consultant',
            peer: { id: 'ana', displayName: 'Ana Roux' },
            lines: [],
            unseen: 0,
            transcript: {
              request,
              log: [
                {
                  seq: 1,
                  at,
                  kind: 'message',
                  from: 'agent',
                  text: 'Which **dose** do you take?',
                  textFormat: 'markdown',
                },
              ],
            },
            closed: { to: 'ended', at },
          },
        ],
      },
    });
    renderInConsole(<Shell session={session} />);
    const region = screen.getByRole('region', { name: 'Consultations' });
    expect(region.querySelector('.consult-log strong + .rich-text strong')?.textContent).toBe(
      'dose',
    );
    expect(region.textContent).not.toContain('**');
    expect(region.querySelector('[role=status].consult-closed')?.textContent).toBe(
      'The conversation has ended. This read-only view no longer updates.',
    );
  });
});
