// @vitest-environment happy-dom
import type { QueueItem } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const waiting = (conversationId: string, patientDisplayName: string): QueueItem => ({
  conversationId,
  queue: 'cardiology',
  priority: 'routine',
  escalation: 'patient-requested',
  patientDisplayName,
  locale: 'en',
  enqueuedAt: new Date().toISOString(),
  position: 1,
});

describe('keyboard shortcuts in the agent view', () => {
  it('Alt+Shift+A accepts the first waiting patient, even from a text field', () => {
    const { session, calls } = fakeSession({
      presence: 'available',
      queue: [waiting('c-1', 'Alex Martin'), waiting('c-2', 'Kim Lo')],
    });
    renderInConsole(<Shell session={session} />);
    const presence = screen.getByLabelText('Presence');
    user.keyDown(presence, 'A', { code: 'KeyA', altKey: true, shiftKey: true });
    expect(calls.claim).toHaveBeenCalledWith('c-1');
    expect(calls.claim).toHaveBeenCalledTimes(1);
  });

  it('says why nothing was accepted when away or when nobody waits', () => {
    const { session, calls } = fakeSession({ presence: 'away', queue: [waiting('c-1', 'A')] });
    renderInConsole(<Shell session={session} />);
    user.keyDown(document.body, 'A', { code: 'KeyA', altKey: true, shiftKey: true });
    expect(calls.claim).not.toHaveBeenCalled();
    const status = screen
      .getAllByRole('status')
      .find((s) => s.textContent?.includes('Set your presence to Available'));
    expect(status).toBeTruthy();
  });

  it('? lists the shortcuts outside a text field, in a dialog that Escape closes', () => {
    const { session } = fakeSession();
    renderInConsole(<Shell session={session} />);
    user.keyDown(document.body, '?', { shiftKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Accept the first waiting patient')).toBeTruthy();
    expect(within(dialog).getByText('Next of your conversations')).toBeTruthy();
    user.keyDown(dialog, 'Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('? typed in a text field is text, not the list', () => {
    const { session } = fakeSession();
    renderInConsole(<Shell session={session} />);
    const field = document.createElement('textarea');
    document.querySelector('.baton-console')?.append(field);
    user.keyDown(field, '?', { shiftKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the list opens from a labelled button too', () => {
    const { session } = fakeSession();
    renderInConsole(<Shell session={session} />);
    user.click(screen.getByRole('button', { name: /Keyboard shortcuts/ }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });
});
