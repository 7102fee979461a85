import * as z from 'zod/mini';
import { Id } from './primitives';

export const SURVEY_LIMITS = {
  maxQuestions: 20,
  maxOptions: 20,
  maxFreeTextLength: 2000,
} as const;

const Prompt = z.string().check(z.minLength(1), z.maxLength(500));

const SurveyChoice = z.object({
  id: Id,
  label: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type SurveyChoice = z.infer<typeof SurveyChoice>;

function uniqueIds(items: readonly { id: string }[]): boolean {
  return new Set(items.map((item) => item.id)).size === items.length;
}

const Choices = z
  .array(SurveyChoice)
  .check(
    z.minLength(2),
    z.maxLength(SURVEY_LIMITS.maxOptions),
    z.refine(uniqueIds, { message: 'option ids must be unique' }),
  );

const questionBase = { id: Id, prompt: Prompt, required: z.boolean() };

/** One question; `kind` tells how it is answered. Ratings are always 1 to 5. */
export const SurveyQuestion = z.discriminatedUnion('kind', [
  z.object({ ...questionBase, kind: z.literal('rating') }),
  z.object({ ...questionBase, kind: z.literal('single-choice'), options: Choices }),
  z.object({ ...questionBase, kind: z.literal('multiple-choice'), options: Choices }),
  z.object({
    ...questionBase,
    kind: z.literal('free-text'),
    maxLength: z.optional(z.int().check(z.gte(1), z.lte(SURVEY_LIMITS.maxFreeTextLength))),
  }),
]);
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;
export type SurveyQuestionKind = SurveyQuestion['kind'];

export const Survey = z.object({
  id: Id,
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  questions: z
    .array(SurveyQuestion)
    .check(
      z.minLength(1),
      z.maxLength(SURVEY_LIMITS.maxQuestions),
      z.refine(uniqueIds, { message: 'question ids must be unique' }),
    ),
});
export type Survey = z.infer<typeof Survey>;

/** An answer; its `kind` must match the question's. */
export const SurveyAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rating'), value: z.int().check(z.gte(1), z.lte(5)) }),
  z.object({ kind: z.literal('single-choice'), optionId: Id }),
  z.object({
    kind: z.literal('multiple-choice'),
    optionIds: z.array(Id).check(z.maxLength(SURVEY_LIMITS.maxOptions)),
  }),
  z.object({
    kind: z.literal('free-text'),
    text: z.string().check(z.maxLength(SURVEY_LIMITS.maxFreeTextLength)),
  }),
]);
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** Answers keyed by question id. Questions not answered are left out. */
export const SurveyResponse = z.object({
  surveyId: Id,
  answers: z.record(Id, SurveyAnswer),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/** A problem found when checking a response against its survey. */
export interface SurveyResponseIssue {
  questionId: string;
  problem:
    | 'unknown-question'
    | 'missing-required'
    | 'kind-mismatch'
    | 'unknown-option'
    | 'duplicate-option'
    | 'too-long';
}

function answerIssue(
  question: SurveyQuestion,
  answer: SurveyAnswer,
): SurveyResponseIssue['problem'] | null {
  if (answer.kind !== question.kind) return 'kind-mismatch';
  switch (question.kind) {
    case 'rating':
      return null;
    case 'single-choice': {
      const { optionId } = answer as Extract<SurveyAnswer, { kind: 'single-choice' }>;
      return question.options.some((o) => o.id === optionId) ? null : 'unknown-option';
    }
    case 'multiple-choice': {
      const { optionIds } = answer as Extract<SurveyAnswer, { kind: 'multiple-choice' }>;
      if (new Set(optionIds).size !== optionIds.length) return 'duplicate-option';
      const known = new Set(question.options.map((o) => o.id));
      return optionIds.every((id) => known.has(id)) ? null : 'unknown-option';
    }
    case 'free-text': {
      const { text } = answer as Extract<SurveyAnswer, { kind: 'free-text' }>;
      const max = question.maxLength ?? SURVEY_LIMITS.maxFreeTextLength;
      return text.length > max ? 'too-long' : null;
    }
    default: {
      const unreachable: never = question;
      return unreachable;
    }
  }
}

function isAnswered(answer: SurveyAnswer | undefined): boolean {
  if (!answer) return false;
  switch (answer.kind) {
    case 'multiple-choice':
      return answer.optionIds.length > 0;
    case 'free-text':
      return answer.text.trim().length > 0;
    default:
      return true;
  }
}

/**
 * Checks a schema-valid response against the survey it answers: every answer names a
 * question of the survey, has that question's kind and known options, and every required
 * question is answered. Returns the issues found (empty when the response is acceptable).
 */
export function checkSurveyResponse(
  survey: Survey,
  response: SurveyResponse,
): SurveyResponseIssue[] {
  const issues: SurveyResponseIssue[] = [];
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  for (const [questionId, answer] of Object.entries(response.answers)) {
    const question = questions.get(questionId);
    if (!question) {
      issues.push({ questionId, problem: 'unknown-question' });
      continue;
    }
    const problem = answerIssue(question, answer);
    if (problem) issues.push({ questionId, problem });
  }
  for (const question of survey.questions) {
    const answer = Object.hasOwn(response.answers, question.id)
      ? response.answers[question.id]
      : undefined;
    if (question.required && !isAnswered(answer)) {
      issues.push({ questionId: question.id, problem: 'missing-required' });
    }
  }
  return issues;
}
