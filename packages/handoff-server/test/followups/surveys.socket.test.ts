import {
  agentMessage,
  patientMessage,
  type Survey,
  type SurveyResponse,
} from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { useHarness } from './harness';

const setup = useHarness();

const survey: Survey = {
  id: 'csat-1',
  title: 'How did we do?',
  questions: [
    { id: 'overall', kind: 'rating', prompt: 'Overall?', required: true },
    {
      id: 'solved',
      kind: 'single-choice',
      prompt: 'Solved?',
      required: false,
      options: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    },
  ],
};

const answer = (value: number): SurveyResponse => ({
  surveyId: 'csat-1',
  answers: {
    overall: { kind: 'rating', value },
    solved: { kind: 'single-choice', optionId: 'yes' },
  },
});

describe('surveys over real sockets (SQLite)', () => {
  it('agent offers, patient answers once, agents and the KPI see it', async () => {
    const h = await setup();
    const { patient, agent } = await h.chatting('conv-s1');
    agent.send(
      agentMessage('survey.offer', { conversationId: 'conv-s1', clientMessageId: 'so-1', survey }),
    );
    const offerAck = await agent.waitFor('ack', (f) => f.clientMessageId === 'so-1');
    const request = await patient.waitFor('survey.request');
    expect(request).toMatchObject({ seq: offerAck.seq, survey: { id: 'csat-1' } });

    // Answers that do not fit the survey: typed error naming the question, nothing stored.
    patient.send(
      patientMessage('survey.response', {
        conversationId: 'conv-s1',
        clientMessageId: 'sr-bad',
        response: { surveyId: 'csat-1', answers: { solved: { kind: 'rating', value: 3 } } },
      }),
    );
    const invalid = await patient.waitFor('error', (f) => f.clientMessageId === 'sr-bad');
    expect(invalid).toMatchObject({ code: 'invalid_message' });
    expect(invalid.issues?.map((i) => i.path)).toEqual([
      'response.answers.solved',
      'response.answers.overall',
    ]);

    const respond = (clientMessageId: string, value: number) =>
      patient.send(
        patientMessage('survey.response', {
          conversationId: 'conv-s1',
          clientMessageId,
          response: answer(value),
        }),
      );
    respond('sr-1', 4);
    const ack = await patient.waitFor('ack', (f) => f.clientMessageId === 'sr-1');
    expect(ack.seq).toBeGreaterThan(offerAck.seq);
    const completed = await agent.waitFor('survey.completed');
    expect(completed).toMatchObject({ seq: ack.seq, response: answer(4) });

    // A retry with the same id: the same ack, nothing new stored.
    respond('sr-1', 4);
    await patient.waitFor('ack', (f) => f.clientMessageId === 'sr-1' && f.id !== ack.id);
    expect(
      patient
        .of('ack')
        .filter((f) => f.clientMessageId === 'sr-1')
        .map((f) => f.seq),
    ).toEqual([ack.seq, ack.seq]);
    // A second, different answer: conflict.
    respond('sr-2', 1);
    expect(await patient.waitFor('error', (f) => f.clientMessageId === 'sr-2')).toMatchObject({
      code: 'conflict',
    });
    expect(await h.test.store.listSurveyResponses({ conversationId: 'conv-s1' })).toMatchObject([
      { surveyId: 'csat-1', patientId: 'pat-1', answers: { overall: 4, solved: 'yes' } },
    ]);
    expect(agent.of('survey.completed')).toHaveLength(1);

    const supervisor = await h.agent('sup-1', ['supervisor']);
    supervisor.send(agentMessage('supervisor.subscribe', {}));
    expect((await supervisor.waitFor('supervisor.snapshot')).kpis.averageSurveyRating).toBe(4);
  });

  it('refuses answers to a survey never offered, and other patients', async () => {
    const h = await setup();
    const { patient } = await h.chatting('conv-s2');
    patient.send(
      patientMessage('survey.response', {
        conversationId: 'conv-s2',
        clientMessageId: 'sr-1',
        response: answer(5),
      }),
    );
    expect(await patient.waitFor('error', (f) => f.clientMessageId === 'sr-1')).toMatchObject({
      code: 'invalid_message',
    });
    const intruder = await h.patient('pat-2');
    intruder.send(
      patientMessage('survey.response', {
        conversationId: 'conv-s2',
        clientMessageId: 'sr-x',
        response: answer(1),
      }),
    );
    expect(await intruder.waitFor('error')).toMatchObject({ code: 'forbidden' });
    const denied = await h.test.store.queryAudit({ conversationId: 'conv-s2' });
    expect(denied).toContainEqual(expect.objectContaining({ actorId: 'pat-2', outcome: 'denied' }));
  });

  it('sends the configured survey when an agent conversation ends, replayed on resume', async () => {
    const h = await setup({ followups: { surveyOnEnd: survey } });
    const { patient, agent } = await h.chatting('conv-s3');
    await h.adapter.host.ended('conv-s3', 'resolved');
    const ended = await patient.waitFor('handoff.ended');
    const request = await patient.waitFor('survey.request');
    expect(request.seq).toBe(ended.seq + 1);
    expect(request.survey).toEqual(survey);

    patient.send(
      patientMessage('survey.response', {
        conversationId: 'conv-s3',
        clientMessageId: 'sr-1',
        response: answer(5),
      }),
    );
    await patient.waitFor('ack', (f) => f.clientMessageId === 'sr-1');
    expect((await agent.waitFor('survey.completed')).response.surveyId).toBe('csat-1');

    const again = await h.patient();
    again.send(patientMessage('resume', { conversationId: 'conv-s3', sinceSeq: ended.seq }));
    await again.waitFor('resumed');
    expect(again.frames.map((f) => f.type)).toEqual(['survey.request', 'resumed']);
  });

  it('an agent may not offer a survey in a conversation it does not hold', async () => {
    const h = await setup();
    await h.chatting('conv-s4');
    const other = await h.agent('agent-2');
    other.send(
      agentMessage('survey.offer', { conversationId: 'conv-s4', clientMessageId: 'x', survey }),
    );
    expect(await other.waitFor('error')).toMatchObject({ code: 'forbidden' });
  });
});

describe('follow-ups with the built-in agent desk', () => {
  it('an agent who claimed from the queue offers a survey and sees the answer', async () => {
    const h = await setup({ adapter: undefined });
    const patient = await h.patient();
    patient.send(handoffRequestFrame('conv-d1'));
    await patient.waitFor('handoff.queued');
    const agent = await h.agent();
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-d1' }));
    await patient.waitFor('agent.joined');
    agent.send(
      agentMessage('survey.offer', { conversationId: 'conv-d1', clientMessageId: 'so', survey }),
    );
    await patient.waitFor('survey.request');
    patient.send(
      patientMessage('survey.response', {
        conversationId: 'conv-d1',
        clientMessageId: 'sr',
        response: answer(3),
      }),
    );
    expect((await agent.waitFor('survey.completed')).response).toEqual(answer(3));
  });
});
