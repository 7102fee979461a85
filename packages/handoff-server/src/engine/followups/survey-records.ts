import type { Survey, SurveyResponse } from '@baton/handoff-protocol';
import type { ConversationStore } from '../../storage/contract';
import type {
  SurveyAnswers as StoredAnswers,
  SurveyQuestion as StoredQuestion,
  Survey as StoredSurvey,
} from '../../storage/records';

/**
 * The store keeps a flat projection of each survey and response (enough for reporting and
 * the supervisor KPIs); the full protocol survey and response live in the conversation log.
 */
export function toStoredSurvey(survey: Survey): StoredSurvey {
  return {
    id: survey.id,
    title: survey.title,
    questions: survey.questions.map((question): StoredQuestion => {
      switch (question.kind) {
        case 'rating':
          return { id: question.id, text: question.prompt, kind: 'rating' };
        case 'single-choice':
        case 'multiple-choice':
          return {
            id: question.id,
            text: question.prompt,
            kind: 'choice',
            choices: question.options.map((o) => o.id),
          };
        case 'free-text':
          return { id: question.id, text: question.prompt, kind: 'text' };
        default: {
          const never: never = question;
          return never;
        }
      }
    }),
  };
}

/** Ratings as numbers, choices as option ids (comma-separated when several), text as is. */
export function toStoredAnswers(response: SurveyResponse): StoredAnswers {
  const answers: StoredAnswers = {};
  for (const [questionId, answer] of Object.entries(response.answers)) {
    switch (answer.kind) {
      case 'rating':
        answers[questionId] = answer.value;
        break;
      case 'single-choice':
        answers[questionId] = answer.optionId;
        break;
      case 'multiple-choice':
        answers[questionId] = answer.optionIds.join(',');
        break;
      case 'free-text':
        answers[questionId] = answer.text;
        break;
      default: {
        const never: never = answer;
        return never;
      }
    }
  }
  return answers;
}

/**
 * Average of every rating answer submitted since `since` (1–5, two decimals), or `null` when
 * there is none: the supervisor KPI `averageSurveyRating`.
 */
export async function averageSurveyRating(
  store: Pick<ConversationStore, 'listSurveyResponses' | 'getSurvey'>,
  since: Date,
): Promise<number | null> {
  const responses = await store.listSurveyResponses({});
  const ratingQuestions = new Map<string, Set<string>>();
  let sum = 0;
  let count = 0;
  for (const response of responses) {
    if (Date.parse(response.submittedAt) < since.getTime()) continue;
    let ratings = ratingQuestions.get(response.surveyId);
    if (!ratings) {
      const survey = await store.getSurvey(response.surveyId);
      ratings = new Set(survey?.questions.filter((q) => q.kind === 'rating').map((q) => q.id));
      ratingQuestions.set(response.surveyId, ratings);
    }
    for (const [questionId, value] of Object.entries(response.answers)) {
      if (!ratings.has(questionId) || typeof value !== 'number') continue;
      if (value < 1 || value > 5) continue;
      sum += value;
      count += 1;
    }
  }
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}
