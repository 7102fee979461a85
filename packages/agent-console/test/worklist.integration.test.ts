import { randomUUID } from 'node:crypto';
import { patientMessage } from '@baton/handoff-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleSession, connectConsole } from '../src/session/session';
import { devSignIn } from '../src/session/sign-in';
import { eventually, PatientClient, startServer, type TestServer } from './support/server';

// The console's session layer against a real server: nobody online, the patient leaves a
// message, two agents race to take it, the winner reads the conversation and closes it.

const USERS = ['amelie', 'bruno'].map((username) => ({
  username,
  password: `${username} password`,
  displayName: username === 'amelie' ? 'Amelie Roux' : 'Bruno Diaz',
  roles: ['agent' as const],
  queues: ['cardiology'],
}));

let server: TestServer;
const sessions: ConsoleSession[] = [];
const patients: PatientClient[] = [];

async function signIn(username: string): Promise<ConsoleSession> {
  const token = await devSignIn(server.url, username, `${username} password`);
  const session = await connectConsole({ serverUrl: server.url, getToken: () => token });
  sessions.push(session);
  return session;
}

beforeEach(async () => {
  server = await startServer(USERS, { timeouts: { unstaffedFallbackMs: 200 } });
});

afterEach(async () => {
  for (const session of sessions.splice(0)) session.close();
  for (const patient of patients.splice(0)) patient.close();
  await server.close();
});

describe('follow-up worklist in the console session', () => {
  it('shows the left message to both agents; one takes it, reads it and closes it', async () => {
    const conversationId = randomUUID();
    const patient = await PatientClient.connect(
      server.url,
      await server.patientToken('patient-wl'),
      conversationId,
    );
    patients.push(patient);
    patient.requestHandoff();
    await eventually(() => patient.of('handoff.failed')[0], 'the fallback offer');
    patient.socket.emit(
      'frame',
      patientMessage('fallback.select', {
        conversationId,
        clientMessageId: 'fb-1',
        choice: { option: 'leave-message', text: 'Is my test result in?' },
      }),
    );
    await eventually(() => patient.of('ack').length > 0, 'the ack of the message');

    const [amelie, bruno] = [await signIn('amelie'), await signIn('bruno')];
    const item = await eventually(
      () => amelie.state.worklist?.items.find((i) => i.kind === 'message'),
      'the item at Amelie',
    );
    expect(item.request.text).toBe('Is my test result in?');
    await eventually(() => bruno.state.worklist?.items.length === 1, 'the item at Bruno');

    amelie.claimFollowUp(item.id);
    bruno.claimFollowUp(item.id);
    const claimed = await eventually(
      () => amelie.state.worklist?.items.find((i) => i.status === 'claimed'),
      'the claim',
    );
    const [winner, loser] = claimed.claimedBy?.id === 'amelie' ? [amelie, bruno] : [bruno, amelie];
    const notice = await eventually(() => loser.state.notices[0], 'the refusal notice');
    expect(notice).toMatchObject({ action: 'followup.claim', code: 'conflict' });

    winner.openFollowUp(item.id, conversationId);
    const transcript = await eventually(
      () => winner.state.worklist?.transcripts[conversationId],
      'the transcript',
    );
    expect(transcript.log.some((e) => e.event === 'fallback.selected')).toBe(true);
    // Read-only and apart: it is not one of the agent's conversations.
    expect(winner.state.conversations).toEqual([]);

    winner.closeFollowUp(item.id, 'Called back: not yet, Friday.');
    await eventually(() => loser.state.worklist?.items.length === 0, 'closed at the loser');
    const done = await eventually(() => winner.state.worklist?.closedByMe[0], 'closed by me');
    expect(done).toMatchObject({ status: 'closed', outcomeNote: 'Called back: not yet, Friday.' });
    expect(winner.state.worklist?.counts).toMatchObject({ open: 0, claimed: 0 });
  });
});
