// @vitest-environment happy-dom
import type { ChatActionSet, HandoffRequest } from '@baton/handoff-protocol';
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationView } from '../src/session/state';
import { Shell } from '../src/ui/Shell';
import { fakeSession } from './support/fake-session';
import { act, cleanupRendered, renderInConsole, user } from './support/render';

// The paperclip follows the server's attachment policy (`actions.available`): hidden when
// files are off, a file past the limits refused before anything is sent; a consulted
// colleague sees the conversation's files in the consult view.

afterEach(cleanupRendered);

const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'routine',
  patient: { patientId: 'p-1', displayName: 'Alex Martin', locale: 'en' },
  transcript: { entries: [] },
};

const conversation: ConversationView = {
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
};

const actions: ChatActionSet = {
  survey: true,
  transfer: { agents: [], queues: [] },
  consult: { agents: [] },
  wrapUp: { dispositions: [{ code: 'resolved', label: 'Resolved' }] },
};

function withFiles(attachments: ChatActionSet['attachments'], extra = {}) {
  const fake = fakeSession({
    conversations: [conversation],
    activeConversationId: 'c-9',
    chat: {
      available: { 'c-9': attachments ? { ...actions, attachments } : actions },
      wrapUps: {},
      consults: [],
      ...extra,
    },
  });
  const files = { share: vi.fn(), objectUrl: vi.fn(async () => null), clear: vi.fn() };
  Object.assign(fake.session, { attachments: files });
  return { ...fake, files };
}

const pick = (file: File) =>
  act(() => {
    const input = screen.getByLabelText('Attach a file') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [file] } });
  });

describe('files in the console follow the server', () => {
  it('shows no paperclip when the server has files off', () => {
    const { session } = withFiles(undefined);
    renderInConsole(<Shell session={session} />);
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.queryByLabelText('Attach a file')).toBeNull();
  });

  it('refuses a file past the limits without sending anything, and says the limit', async () => {
    const { session, files } = withFiles({ maxBytes: 1000, types: ['application/pdf'] });
    renderInConsole(<Shell session={session} />);
    const input = screen.getByLabelText('Attach a file') as HTMLInputElement;
    expect(input.accept).toBe('application/pdf');
    expect(screen.getByText(/At most 1 kB per file\./)).toBeTruthy();
    await pick(new File([new Uint8Array(10)], 'rash.png', { type: 'image/png' }));
    expect(
      screen.getByText('rash.png could not be sent: only images and PDF can be shared'),
    ).toBeTruthy();
    await pick(new File([new Uint8Array(1001)], 'scan.pdf', { type: 'application/pdf' }));
    expect(screen.getByText('scan.pdf is too large to send (at most 1 kB).')).toBeTruthy();
    expect(files.share).not.toHaveBeenCalled();
  });

  it('shows a consulted colleague the files of the conversation she reads', () => {
    const { session, files } = withFiles(undefined, {
      consults: [
        {
          conversationId: 'c-7',
          consultantId: 'me',
          role: 'consultant',
          peer: { id: 'ana', displayName: 'Ana' },
          lines: [],
          unseen: 0,
          transcript: {
            request,
            log: [
              {
                seq: 3,
                at: '2026-12-06T10:00:00.000Z',
                from: 'patient',
                kind: 'message',
                attachment: {
                  id: 'f-1',
                  name: 'referral.pdf',
                  contentType: 'application/pdf',
                  size: 2048,
                },
              },
            ],
          },
        },
      ],
    });
    renderInConsole(<Shell session={session} />);
    const chip = screen.getByRole('button', { name: /referral\.pdf/ });
    user.click(chip);
    expect(files.objectUrl).toHaveBeenCalledWith('f-1');
  });
});
