import type { SurveyFact } from '../storage/insight-records';
import type { Survey } from '../storage/records';

/** One question's results over a period. Free-text answers are counted, never shown. */
export interface QuestionFigures {
  surveyId: string;
  questionId: string;
  /** The question's text as configured (staff wording, not patient data). */
  text: string;
  kind: 'rating' | 'choice' | 'text';
  responses: number;
  /** Ratings: their mean (2 decimals). */
  average: number | null;
  /** Ratings: count per score `1`…`5`; choices: count per choice. */
  counts: Record<string, number>;
}

/** Per question of every survey answered in the period. */
export function surveyFigures(
  surveys: readonly Survey[],
  responses: readonly SurveyFact[],
): QuestionFigures[] {
  const out: QuestionFigures[] = [];
  for (const survey of surveys) {
    const answered = responses.filter((r) => r.surveyId === survey.id);
    for (const question of survey.questions) {
      const values = answered
        .map((r) => r.answers[question.id])
        .filter((v): v is string | number => v !== undefined && v !== '');
      const counts: Record<string, number> = {};
      if (question.kind === 'rating')
        for (const score of ['1', '2', '3', '4', '5']) counts[score] = 0;
      if (question.kind === 'choice')
        for (const choice of question.choices ?? []) counts[choice] = 0;
      if (question.kind !== 'text')
        for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
      const numbers = values.filter((v): v is number => typeof v === 'number');
      out.push({
        surveyId: survey.id,
        questionId: question.id,
        text: question.text,
        kind: question.kind,
        responses: values.length,
        average:
          question.kind === 'rating' && numbers.length > 0
            ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100
            : null,
        counts,
      });
    }
  }
  return out;
}
