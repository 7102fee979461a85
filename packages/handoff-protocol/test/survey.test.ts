import { describe, expect, it } from 'vitest';
import { checkSurveyResponse, Survey, SurveyResponse } from '../src/index';

const survey = Survey.parse({
  id: 'csat-1',
  title: 'How did we do?',
  questions: [
    { id: 'q1', kind: 'rating', prompt: 'Overall', required: true },
    {
      id: 'q2',
      kind: 'single-choice',
      prompt: 'Was your issue solved?',
      required: true,
      options: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    },
    {
      id: 'q3',
      kind: 'multiple-choice',
      prompt: 'What helped?',
      required: false,
      options: [
        { id: 'speed', label: 'Speed' },
        { id: 'kindness', label: 'Kindness' },
      ],
    },
    { id: 'q4', kind: 'free-text', prompt: 'Anything else?', required: false, maxLength: 10 },
  ],
});

function check(answers: SurveyResponse['answers']) {
  return checkSurveyResponse(survey, { surveyId: 'csat-1', answers });
}

describe('survey', () => {
  it('accepts a complete, matching response', () => {
    expect(
      check({
        q1: { kind: 'rating', value: 5 },
        q2: { kind: 'single-choice', optionId: 'yes' },
        q3: { kind: 'multiple-choice', optionIds: ['speed', 'kindness'] },
        q4: { kind: 'free-text', text: 'thanks' },
      }),
    ).toEqual([]);
  });

  it('reports every mismatch by question', () => {
    expect(
      check({
        q2: { kind: 'rating', value: 3 },
        q3: { kind: 'multiple-choice', optionIds: ['speed', 'speed', 'other'] },
        q4: { kind: 'free-text', text: 'far too long for ten' },
        q9: { kind: 'rating', value: 1 },
      }),
    ).toEqual([
      { questionId: 'q2', problem: 'kind-mismatch' },
      { questionId: 'q3', problem: 'duplicate-option' },
      { questionId: 'q4', problem: 'too-long' },
      { questionId: 'q9', problem: 'unknown-question' },
      { questionId: 'q1', problem: 'missing-required' },
    ]);
  });

  it('refuses ratings outside 1..5 and duplicate question ids at the schema level', () => {
    expect(
      Survey.safeParse({ ...survey, questions: [survey.questions[0], survey.questions[0]] })
        .success,
    ).toBe(false);
    const bad = { surveyId: 's', answers: { q1: { kind: 'rating', value: 6 } } };
    expect(SurveyResponse.safeParse(bad).success).toBe(false);
    expect(
      SurveyResponse.safeParse({ ...bad, answers: { q1: { kind: 'rating', value: 5 } } }).success,
    ).toBe(true);
  });
});
