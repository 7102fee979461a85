import { vi } from 'vitest';
import { ComposerDrafts } from '../../src/session/composer-drafts';
import { ContentCatalog } from '../../src/session/content';
import type { ConsoleSession } from '../../src/session/session';
import type { StaffProfile } from '../../src/session/staff-profile';
import { type ConsoleState, initialState } from '../../src/session/state';

/**
 * A recording stand-in for `ConsoleSession` in component tests: the views read its state and
 * call its commands. The real session is exercised against a real server in
 * session.integration.test.ts; here only rendering and wiring are under test.
 */
export function fakeSession(state: Partial<ConsoleState> = {}, profile?: Partial<StaffProfile>) {
  let current: ConsoleState = {
    ...initialState({
      staffId: 'amelie',
      displayName: 'Amelie Roux',
      roles: ['agent'],
      clinical: false,
      queues: ['cardiology'],
      ...profile,
    }),
    connection: 'connected',
    ...state,
  };
  const listeners = new Set<(s: ConsoleState) => void>();
  const session = {
    get state() {
      return current;
    },
    token: 'header.payload.signature',
    subscribe(listener: (s: ConsoleState) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setPresence: vi.fn(),
    claim: vi.fn(),
    select: vi.fn(),
    sendMessage: vi.fn(() => 'client-1'),
    addNote: vi.fn(() => 'client-2'),
    setTyping: vi.fn(),
    markRead: vi.fn(),
    transfer: vi.fn(),
    end: vi.fn(),
    returnToBot: vi.fn(),
    offerSurvey: vi.fn(),
    offerAppointment: vi.fn(),
    offerCall: vi.fn(),
    dismiss: vi.fn(),
    dismissNotice: vi.fn(),
    claimFollowUp: vi.fn(),
    closeFollowUp: vi.fn(),
    openFollowUp: vi.fn(),
    requestHistory: vi.fn(),
    openHistory: vi.fn(),
    closeHistory: vi.fn(),
    exportTranscript: vi.fn(async () => ({})),
    listActions: vi.fn(),
    wrapUp: vi.fn(),
    consult: vi.fn(),
    openConsult: vi.fn(),
    sendConsultMessage: vi.fn(),
    seeConsult: vi.fn(),
    close: vi.fn(),
    content: new ContentCatalog(),
    drafts: new ComposerDrafts(),
    loadConversationContent: vi.fn(),
    loadAllContent: vi.fn(),
    saveContent: vi.fn(),
    retireContent: vi.fn(),
    drillIn: vi.fn(),
    closeDrillIn: vi.fn(),
    whisper: vi.fn(),
    barge: vi.fn(),
  };
  return {
    session: session as unknown as ConsoleSession,
    calls: session,
    /** Replaces the state and notifies the views, as a server frame would. */
    update(change: (s: ConsoleState) => ConsoleState) {
      current = change(current);
      for (const listener of listeners) listener(current);
    },
  };
}
