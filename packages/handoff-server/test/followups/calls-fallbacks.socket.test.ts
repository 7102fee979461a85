import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { hoursFromNow, useHarness } from './harness';

const setup = useHarness();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const call = (expiresAt: string, joinUrl = 'https://calls.example.org/r/abc') => ({
  callId: 'call-1',
  provider: 'webrtc' as const,
  joinUrl,
  expiresAt,
});

describe('call offers over real sockets (SQLite)', () => {
  it('logs an https call offer with a seq for the patient; refuses expired and non-https ones', async () => {
    const h = await setup();
    const { patient, agent } = await h.chatting('conv-c1');
    agent.send(
      agentMessage('call.offer', {
        conversationId: 'conv-c1',
        clientMessageId: 'k-1',
        call: call(hoursFromNow(0.5)),
      }),
    );
    const ack = await agent.waitFor('ack', (f) => f.clientMessageId === 'k-1');
    expect(await patient.waitFor('call.offer')).toMatchObject({
      seq: ack.seq,
      call: { callId: 'call-1', joinUrl: 'https://calls.example.org/r/abc' },
    });
    agent.send(
      agentMessage('call.offer', {
        conversationId: 'conv-c1',
        clientMessageId: 'k-old',
        call: call(hoursFromNow(-0.1)),
      }),
    );
    agent.send({
      ...agentMessage('call.offer', {
        conversationId: 'conv-c1',
        clientMessageId: 'k-http',
        call: call(hoursFromNow(1)),
      }),
      call: call(hoursFromNow(1), 'http://calls.example.org/r/abc'),
    });
    expect(await agent.waitFor('error', (f) => f.clientMessageId === 'k-old')).toMatchObject({
      code: 'invalid_message',
    });
    expect(await agent.waitFor('error', (f) => f.clientMessageId === 'k-http')).toMatchObject({
      code: 'invalid_message',
    });
    expect(patient.of('call.offer')).toHaveLength(1);
  });
});

describe('fallbacks over real sockets (SQLite)', () => {
  it('stores a left message and a callback request, encrypted at rest, and acks them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-fallbacks-'));
    dirs.push(dir);
    const store = new SqliteConversationStore({
      filename: join(dir, 'baton.db'),
      keyRing: testKeyRing(),
    });
    const h = await setup({ store });
    const patient = await h.failed('conv-f1', ['leave-message', 'callback']);
    const secretText = 'please call about my colonoscopy results';
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-f1',
        clientMessageId: 'fb-1',
        choice: { option: 'leave-message', text: secretText },
      }),
    );
    const first = await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-1');
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-f1',
        clientMessageId: 'fb-2',
        choice: { option: 'callback', phone: '+33612345678', preferredTime: 'mornings' },
      }),
    );
    expect((await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-2')).seq).toBe(
      first.seq + 1,
    );
    // Not offered, and a bad phone number: typed errors.
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-f1',
        clientMessageId: 'fb-3',
        choice: { option: 'appointment' },
      }),
    );
    patient.send({
      ...patientMessage('fallback.select', {
        conversationId: 'conv-f1',
        clientMessageId: 'fb-4',
        choice: { option: 'callback', phone: '+33612345678' },
      }),
      choice: { option: 'callback', phone: '0612345678' },
    });
    expect(await patient.waitFor('error', (f) => f.clientMessageId === 'fb-3')).toMatchObject({
      code: 'invalid_message',
    });
    expect(await patient.waitFor('error', (f) => f.clientMessageId === 'fb-4')).toMatchObject({
      code: 'invalid_message',
    });

    // Staff read both in the transcript.
    const supervisor = await h.agent('sup-1', ['supervisor']);
    supervisor.send(agentMessage('conversation.open', { conversationId: 'conv-f1' }));
    const transcript = await supervisor.waitFor('conversation.transcript');
    expect(transcript.log.filter((e) => e.event === 'fallback.selected')).toMatchObject([
      { from: 'patient', text: secretText },
      { from: 'patient', text: 'Callback requested: +33612345678 (mornings)' },
    ]);

    await h.test.close();
    const bytes = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name)).toString('latin1'))
      .join('');
    expect(bytes).not.toContain('colonoscopy');
    expect(bytes).not.toContain('33612345678');
  });

  it('an appointment fallback offers free slots; the pick is booked and confirmed', async () => {
    const h = await setup();
    await h.test.store.addSlots([
      { id: 'later', startsAt: hoursFromNow(30), endsAt: hoursFromNow(30.5) },
      { id: 'soon', startsAt: hoursFromNow(20), endsAt: hoursFromNow(20.5), label: 'Clinic A' },
      { id: 'gone', startsAt: hoursFromNow(-3), endsAt: hoursFromNow(-2.5) },
    ]);
    const patient = await h.failed('conv-f2', ['leave-message', 'appointment']);
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-f2',
        clientMessageId: 'fb-1',
        choice: { option: 'appointment' },
      }),
    );
    const ack = await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-1');
    const offer = await patient.waitFor('appointment.offer');
    expect(offer.seq).toBe(ack.seq + 1);
    expect(offer.offer.slots.map((s) => [s.id, s.schedule?.display])).toEqual([
      ['soon', 'Clinic A'],
      ['later', undefined],
    ]);
    patient.send(
      patientMessage('appointment.select', {
        conversationId: 'conv-f2',
        clientMessageId: 'as-1',
        offerId: offer.offer.offerId,
        slotId: 'later',
      }),
    );
    await patient.waitFor('ack', (f) => f.clientMessageId === 'as-1');
    expect((await patient.waitFor('appointment.confirmed')).appointment.slot).toEqual([
      { reference: 'Slot/later' },
    ]);
    // A retry of the fallback pick: same ack, no second offer.
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-f2',
        clientMessageId: 'fb-1',
        choice: { option: 'appointment' },
      }),
    );
    await patient.waitFor('ack', (f) => f.clientMessageId === 'fb-1' && f.id !== ack.id);
    expect(patient.of('appointment.offer')).toHaveLength(1);
  });

  it('refuses a fallback while the conversation is with an agent', async () => {
    const h = await setup();
    const { patient } = await h.chatting('conv-f3');
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-f3',
        clientMessageId: 'fb-1',
        choice: { option: 'leave-message', text: 'hello' },
      }),
    );
    expect(await patient.waitFor('error')).toMatchObject({ code: 'illegal_transition' });
  });
});
