import { EventFactory, MessageFactory, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import {
  createHandoffStatus,
  detectEscalationSignal,
  type HandoffStatusState,
  handoffRequestFromInitiation,
} from '../../src/botframework/index';
import { HandoffRequest } from '../../src/domain/escalation';
import type { PatientContext } from '../../src/domain/patient';
import { handoffContext, runBotConversation } from './bot';

const patient: PatientContext = {
  patientId: 'p-7f3a',
  displayName: 'Alex',
  locale: 'fr-CA',
  attributes: [{ key: 'memberTier', value: 'from-portal', displayable: true, clinical: false }],
};
const now = () => new Date('2026-01-01T00:00:00.000Z');

/** As the event would cross the wire. */
function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('handoff.initiate from botbuilder EventFactory', () => {
  it('becomes a HandoffRequest with reason, priority, routing, patient and transcript', async () => {
    const { handoff } = await runBotConversation();
    const result = handoffRequestFromInitiation(handoff, {
      patient,
      contextAttributes: ['memberTier', 'department', 'nothing-here'],
      transcript: { now },
    });
    if (!result.ok) throw new Error(`expected a request, got ${result.error.code}`);
    const request = result.value;
    expect(HandoffRequest.safeParse(request).success).toBe(true);
    expect(request.reason).toEqual({ kind: 'bot-initiated', detail: 'handoff.initiate' });
    expect(request.priority).toBe('urgent');
    expect(request.routing).toEqual({
      department: 'Cardiology',
      skills: ['cardiology'],
      language: 'fr-CA',
    });
    expect(request.directLine).toEqual({ conversationId: 'Convo1' });
    expect(request.patient).toEqual({
      ...patient,
      attributes: [
        { key: 'memberTier', value: 'from-portal', displayable: true, clinical: false },
        { key: 'department', value: 'Cardiology', displayable: true, clinical: false },
      ],
    });
    expect(request.transcript.entries.map((entry) => [entry.from, entry.text])).toEqual([
      ['patient', 'hello'],
      ['bot', 'Hi! I am the **clinic** assistant.'],
      ['bot', 'How can I help?'],
      ['patient', 'Book a visit'],
      ['bot', undefined],
      ['bot', 'Tell me more:'],
      ['bot', undefined],
    ]);
    expect(JSON.stringify(request)).not.toContain(handoffContext.symptoms);
  });

  it('reads a C#-style context (PascalCase keys) and defaults to routine without one', () => {
    const adapter = new TestAdapter(async () => {});
    const context = new TurnContext(adapter, {
      type: 'message',
      id: 'm1',
      text: 'agent please',
      from: { id: 'user1', name: 'User1', role: 'user' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: 'dl-conv-42', isGroup: false, name: '', conversationType: 'personal' },
      channelId: 'directline',
      serviceUrl: 'https://directline.example',
    });
    const csharp = wire(
      EventFactory.createHandoffInitiation(context, { Priority: 'Emergency', Skills: ['triage'] }),
    );
    const result = handoffRequestFromInitiation(csharp, {
      patient,
      directLine: { conversationId: 'dl-conv-42', watermark: '7' },
    });
    expect(result.ok && result.value.priority).toBe('emergency');
    expect(result.ok && result.value.routing).toEqual({ skills: ['triage'] });
    expect(result.ok && result.value.directLine).toEqual({
      conversationId: 'dl-conv-42',
      watermark: '7',
    });
    expect(result.ok && result.value.transcript).toEqual({ entries: [] });

    const bare = handoffRequestFromInitiation(
      wire(EventFactory.createHandoffInitiation(context, undefined)),
      {
        patient,
      },
    );
    expect(bare.ok && bare.value.priority).toBe('routine');
    expect(bare.ok && bare.value.routing).toBeUndefined();
  });

  it('refuses what is not a handoff.initiate event, or an invalid patient, without throwing', () => {
    const status = wire(EventFactory.createHandoffStatus({ id: 'c1' } as never, 'accepted'));
    const cases: [unknown, unknown, string, (string | number)[]][] = [
      [null, patient, 'not_an_activity', []],
      ['handoff.initiate', patient, 'not_an_activity', []],
      [{ type: 'message', name: 'handoff.initiate' }, patient, 'not_handoff_initiation', ['type']],
      [status, patient, 'not_handoff_initiation', ['name']],
      [
        { type: 'event', name: 'handoff.initiate' },
        { ...patient, locale: 'not a locale' },
        'invalid_patient',
        ['patient', 'locale'],
      ],
      [{ type: 'event', name: 'handoff.initiate' }, undefined, 'invalid_patient', ['patient']],
    ];
    for (const [activity, who, code, path] of cases) {
      const result = handoffRequestFromInitiation(activity, { patient: who as PatientContext });
      expect(result).toEqual({ ok: false, error: { code, message: expect.any(String), path } });
    }
  });
});

describe('handoff.status', () => {
  const conversation = { id: 'dl-conv-42', isGroup: false, conversationType: 'personal', name: '' };
  const states: HandoffStatusState[] = ['accepted', 'failed', 'completed'];

  it.each(states)('matches botbuilder EventFactory.createHandoffStatus for %s', (state) => {
    const message = state === 'failed' ? 'No agent available' : undefined;
    const theirs = wire(EventFactory.createHandoffStatus(conversation, state, message)) as Record<
      string,
      unknown
    >;
    const ours = wire(createHandoffStatus(state, { conversation, message })) as Record<
      string,
      unknown
    >;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    const { id, timestamp, localTimezone, ...rest } = ours;
    const {
      id: theirId,
      timestamp: theirTimestamp,
      localTimezone: theirZone,
      ...theirRest
    } = theirs;
    expect(rest).toEqual(theirRest);
    expect(id).toEqual(
      expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
    );
    expect(typeof theirId).toBe('string');
    expect(Number.isNaN(Date.parse(timestamp as string))).toBe(false);
    expect(typeof theirTimestamp).toBe('string');
    expect(typeof localTimezone).toBe(typeof theirZone);
  });

  it('takes a fixed id, clock and time zone', () => {
    expect(
      createHandoffStatus('completed', {
        conversation: { id: 'c' },
        id: 'status-1',
        now,
        localTimezone: 'Europe/Paris',
      }),
    ).toEqual({
      type: 'event',
      name: 'handoff.status',
      value: { state: 'completed' },
      id: 'status-1',
      timestamp: '2026-01-01T00:00:00.000Z',
      localTimezone: 'Europe/Paris',
      conversation: { id: 'c' },
      attachments: [],
      entities: [],
    });
  });
});

describe('detectEscalationSignal on botbuilder activities', () => {
  it('recognises a handoff.initiate event', async () => {
    const { handoff } = await runBotConversation();
    expect(detectEscalationSignal(handoff)).toEqual({
      kind: 'bot-initiated',
      detail: 'handoff.initiate',
    });
  });

  it('recognises the Omnichannel Escalate tag the way the Omnichannel sample bot sends it', () => {
    const reply = MessageFactory.text('Transferring you to an agent.');
    // Omnichannel's sample `OmnichannelBotClient.AddEscalationContext` serialises the command.
    reply.channelData = {
      deliveryMode: 'bridged',
      tags: JSON.stringify({ type: 'Escalate', context: { BotHandoffTopic: 'CreditCard' } }),
    };
    expect(detectEscalationSignal(wire(reply))).toEqual({
      kind: 'bot-initiated',
      detail: 'omnichannel-escalate-tag',
    });
    const end = MessageFactory.text('Bye');
    end.channelData = { tags: JSON.stringify({ type: 'EndConversation', context: {} }) };
    expect(detectEscalationSignal(wire(end))).toBeNull();
    expect(detectEscalationSignal(wire(MessageFactory.text('Hello')))).toBeNull();
  });
});
