import { agentMessage, patientMessage, type Survey } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import {
  averageSurveyRating,
  toStoredAnswers,
  toStoredSurvey,
} from '../../src/engine/followups/survey-records';
import { MemoryConversationStore } from '../../src/storage/memory';
import { agent, createTestEngine, patient } from '../engine/setup';
import { handoffRequestFrame } from '../support/frames';
import { FakeClock } from './fake-clock';

const survey: Survey = {
  id: 'csat',
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
};

/** An engine (memory store) with one conversation held by agent-1. */
async function withAgent(options: Parameters<typeof createTestEngine>[0] = {}) {
  const setup = createTestEngine(options);
  await setup.engine.start();
  await setup.engine.patient.handoffRequest(patient(), handoffRequestFrame('c1'));
  await setup.engine.idle();
  await setup.engine.host.agentJoined('c1', { id: 'agent-1', displayName: 'Dana Lee' });
  return setup;
}

describe('follow-ups in the engine (memory store)', () => {
  it('finishes a survey answer whose store write survived a crash but whose log entry did not', async () => {
    const { engine, store, delivery } = await withAgent();
    await engine.followups.surveyOffer(
      agent(),
      agentMessage('survey.offer', { conversationId: 'c1', clientMessageId: 'so', survey }),
    );
    const response = {
      surveyId: 'csat',
      answers: { overall: { kind: 'rating' as const, value: 2 } },
    };
    // The "first attempt": stored in the survey table, never logged or acked.
    await store.recordSurveyResponse({
      id: 'r-first',
      surveyId: 'csat',
      conversationId: 'c1',
      patientId: 'pat-1',
      answers: toStoredAnswers(response),
    });
    const ack = await engine.followups.surveyResponse(
      patient(),
      patientMessage('survey.response', { conversationId: 'c1', clientMessageId: 'sr', response }),
    );
    expect(ack).toMatchObject({ type: 'ack', clientMessageId: 'sr' });
    expect(await store.listSurveyResponses({ conversationId: 'c1' })).toHaveLength(1);
    expect(delivery.agents.map((a) => a.frame.type)).toContain('survey.completed');
  });

  it('finishes a booking that was stored but not logged', async () => {
    const { engine, store, delivery } = await withAgent();
    const start = new Date(Date.now() + 48 * 3600_000).toISOString();
    const end = new Date(Date.now() + 49 * 3600_000).toISOString();
    await engine.followups.appointmentOffer(
      agent(),
      agentMessage('appointment.offer', {
        conversationId: 'c1',
        clientMessageId: 'ao',
        offer: {
          offerId: 'o1',
          slots: [{ resourceType: 'Slot', id: 's1', status: 'free', start, end }],
        },
      }),
    );
    await store.bookSlot('s1', { conversationId: 'c1', patientId: 'pat-1' });
    await engine.followups.appointmentSelect(
      patient(),
      patientMessage('appointment.select', {
        conversationId: 'c1',
        clientMessageId: 'as',
        offerId: 'o1',
        slotId: 's1',
      }),
    );
    expect(delivery.patientTypes('c1')).toContain('appointment.confirmed');
    expect(engine.followups.reminders.pending.map((r) => r.slotId)).toEqual(['s1']);
  });

  it('judges call expiry by the injected clock', async () => {
    const clock = new FakeClock('2030-01-01T10:00:00.000Z');
    const { engine } = await withAgent({ followups: { clock } });
    const offer = (clientMessageId: string, expiresAt: string) =>
      engine.followups.callOffer(
        agent(),
        agentMessage('call.offer', {
          conversationId: 'c1',
          clientMessageId,
          call: { callId: 'k', provider: 'teams', joinUrl: 'https://t.example/j', expiresAt },
        }),
      );
    await expect(offer('k1', '2030-01-01T10:05:00.000Z')).resolves.toMatchObject({ type: 'ack' });
    clock.advance(10 * 60_000);
    await expect(offer('k2', '2030-01-01T10:05:00.000Z')).rejects.toMatchObject({
      code: 'invalid_message',
    });
    // The same id reused for another offer is a conflict, not a silent ack.
    await expect(offer('k1', '2030-01-01T11:00:00.000Z')).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('survey records', () => {
  it('flattens surveys and answers for the store', () => {
    expect(toStoredSurvey(survey).questions).toEqual([
      { id: 'overall', text: 'Overall?', kind: 'rating' },
      { id: 'helped', text: 'What helped?', kind: 'choice', choices: ['speed', 'kindness'] },
      { id: 'comment', text: 'Anything else?', kind: 'text' },
    ]);
    expect(
      toStoredAnswers({
        surveyId: 'csat',
        answers: {
          overall: { kind: 'rating', value: 4 },
          helped: { kind: 'multiple-choice', optionIds: ['speed', 'kindness'] },
          comment: { kind: 'free-text', text: 'ok' },
        },
      }),
    ).toEqual({ overall: 4, helped: 'speed,kindness', comment: 'ok' });
  });

  it('averages rating answers submitted since a time, ignoring other questions', async () => {
    const store = new MemoryConversationStore();
    expect(await averageSurveyRating(store, new Date(0))).toBeNull();
    await store.saveSurvey(toStoredSurvey(survey));
    for (const [i, value] of [5, 4, 4].entries()) {
      await store.createConversation({ id: `c${i}`, patientId: `p${i}` });
      await store.recordSurveyResponse({
        id: `r${i}`,
        surveyId: 'csat',
        conversationId: `c${i}`,
        patientId: `p${i}`,
        answers: { overall: value, comment: '1' },
      });
    }
    expect(await averageSurveyRating(store, new Date(0))).toBe(4.33);
    expect(await averageSurveyRating(store, new Date(Date.now() + 60_000))).toBeNull();
  });
});
