import type { Survey } from '@baton/handoff-protocol';
import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '../context';

export interface EndSurveySetting {
  enabled: boolean;
  surveys: Record<string, Survey>;
}

const LANGUAGES = ['en', 'fr', 'es'] as const;

interface Draft {
  title: string;
  rating: string;
  comment: string;
}

function draftOf(survey: Survey | undefined): Draft {
  const rating = survey?.questions.find((q) => q.kind === 'rating');
  const comment = survey?.questions.find((q) => q.kind === 'free-text');
  return {
    title: survey?.title ?? '',
    rating: rating?.prompt ?? '',
    comment: comment?.prompt ?? '',
  };
}

/** The draft as a survey (a 1–5 rating and an optional comment); null when left empty. */
function surveyOf(language: string, draft: Draft): Survey | null {
  if (!draft.title.trim() || !draft.rating.trim()) return null;
  return {
    id: `end-${language}`,
    title: draft.title.trim(),
    questions: [
      { id: 'rating', prompt: draft.rating.trim(), required: true, kind: 'rating' },
      ...(draft.comment.trim()
        ? [
            {
              id: 'comment',
              prompt: draft.comment.trim(),
              required: false,
              kind: 'free-text' as const,
            },
          ]
        : []),
    ],
  };
}

/** The survey sent when a chat with an agent ends, written per language. */
export function EndSurveyEditor(props: {
  setting: EndSurveySetting;
  onSave: (value: EndSurveySetting) => Promise<string | null>;
}) {
  const { t } = useConsole();
  const [language, setLanguage] = useState('fr');
  const [enabled, setEnabled] = useState(props.setting.enabled);
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.setting.surveys.fr));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => setDraft(draftOf(props.setting.surveys[language])), [props.setting]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const surveys = { ...props.setting.surveys };
    const survey = surveyOf(language, draft);
    if (survey) surveys[language] = survey;
    else delete surveys[language];
    setStatus(t('settingsSaving'));
    setError('');
    const problem = await props.onSave({ enabled, surveys });
    setStatus(problem ? '' : t('endSurveySaved'));
    setError(problem ?? '');
  };
  const field = (key: keyof Draft, label: string) => (
    <>
      <label for={`end-survey-${key}`}>{label}</label>
      <input
        id={`end-survey-${key}`}
        value={draft[key]}
        maxLength={key === 'title' ? 200 : 500}
        onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      />
    </>
  );
  return (
    <form class="admin-section" aria-labelledby="end-survey-heading" onSubmit={submit}>
      <h3 id="end-survey-heading">{t('endSurveyTitle')}</h3>
      <label class="confirm">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />{' '}
        {t('endSurveyEnabled')}
      </label>
      <label for="end-survey-language">{t('escalationLocale')}</label>
      <select
        id="end-survey-language"
        value={language}
        onChange={(e) => {
          setLanguage(e.currentTarget.value);
          setDraft(draftOf(props.setting.surveys[e.currentTarget.value]));
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
      {field('title', t('endSurveyName'))}
      {field('rating', t('endSurveyRating'))}
      {field('comment', t('endSurveyComment'))}
      <button type="submit" class="primary">
        {t('saveEndSurvey')}
      </button>
      <p role="status" class="muted">
        {status}
      </p>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
