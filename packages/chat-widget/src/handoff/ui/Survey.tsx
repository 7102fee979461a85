import type { Survey, SurveyAnswer, SurveyQuestion } from '@baton/handoff-protocol';
import { useRef, useState } from 'preact/hooks';
import { format } from '../../i18n/strings';
import type { FollowUp } from '../state';
import { ChoiceGroup } from './ChoiceGroup';
import type { HandoffStrings } from './strings';

type Answers = Record<string, SurveyAnswer>;

function Question(props: {
  question: SurveyQuestion;
  answer: SurveyAnswer | undefined;
  invalid: boolean;
  strings: HandoffStrings;
  onAnswer(answer: SurveyAnswer | undefined): void;
}) {
  const { question: q, answer, strings } = props;
  const name = `baton-q-${q.id}`;
  const errorId = `${name}-error`;
  const described = props.invalid ? { 'aria-describedby': errorId } : {};
  const error = props.invalid && (
    <span id={errorId} class="failed">
      {strings.required}
    </span>
  );
  if (q.kind === 'free-text') {
    return (
      <label class="field">
        {q.prompt}
        <textarea
          name={name}
          maxLength={q.maxLength ?? 2000}
          aria-required={q.required}
          aria-invalid={props.invalid}
          {...described}
          onInput={(event) => {
            const text = (event.currentTarget as HTMLTextAreaElement).value;
            props.onAnswer(text.trim() ? { kind: 'free-text', text } : undefined);
          }}
        />
        {error}
      </label>
    );
  }
  const options =
    q.kind === 'rating'
      ? [1, 2, 3, 4, 5].map((value) => ({
          id: String(value),
          label: String(value),
          hint: format(strings.ratingValue, { value: String(value) }),
        }))
      : q.options.map((option) => ({ ...option, hint: '' }));
  const multiple = q.kind === 'multiple-choice';
  const checked = (id: string) =>
    answer?.kind === 'rating'
      ? String(answer.value) === id
      : answer?.kind === 'single-choice'
        ? answer.optionId === id
        : answer?.kind === 'multiple-choice' && answer.optionIds.includes(id);
  const pick = (id: string, on: boolean) => {
    if (q.kind === 'rating') props.onAnswer({ kind: 'rating', value: Number(id) });
    else if (q.kind === 'single-choice') props.onAnswer({ kind: 'single-choice', optionId: id });
    else {
      const current = answer?.kind === 'multiple-choice' ? answer.optionIds : [];
      const next = on ? [...current, id] : current.filter((other) => other !== id);
      props.onAnswer(next.length ? { kind: 'multiple-choice', optionIds: next } : undefined);
    }
  };
  return (
    <ChoiceGroup
      class={q.kind === 'rating' ? 'choices rating' : 'choices'}
      radio={!multiple}
      label={q.prompt}
      labelId={`${name}-label`}
      attributes={{
        'aria-invalid': props.invalid,
        ...described,
        ...(multiple ? {} : { 'aria-required': q.required }),
      }}
    >
      {options.map((option) => (
        <label key={option.id} class="choice">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={name}
            value={option.id}
            checked={checked(option.id)}
            onChange={(event) => pick(option.id, (event.currentTarget as HTMLInputElement).checked)}
          />
          <span aria-hidden={option.hint ? 'true' : undefined}>{option.label}</span>
          {option.hint && <span class="vh">{option.hint}</span>}
        </label>
      ))}
      {error}
    </ChoiceGroup>
  );
}

/**
 * The survey's thanks, in place of the form. Its Send button was pressed, so focus was in the
 * form that is gone: it moves here (read out), not to the page's top.
 */
function Thanks({ text }: { text: string }) {
  return (
    <p
      class="handoff-notice"
      tabIndex={-1}
      ref={(notice) => {
        if (notice && document.activeElement === document.body) notice.focus();
      }}
    >
      {text}
    </p>
  );
}

/** The post-chat survey: ratings (1-5 radio group), choices, free text. */
export function SurveyForm(props: {
  survey: FollowUp<Survey>;
  strings: HandoffStrings;
  onSubmit(answers: Answers): void;
}) {
  const { survey, strings } = props;
  const [answers, setAnswers] = useState<Answers>({});
  const [invalid, setInvalid] = useState<readonly string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = `baton-survey-${survey.value.id}`;
  if (survey.status === 'done') return <Thanks text={strings.surveyThanks} />;
  return (
    <form
      ref={formRef}
      class="followup survey"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const missing = survey.value.questions
          .filter((q) => q.required && !answers[q.id])
          .map((q) => q.id);
        setInvalid(missing);
        if (missing.length) {
          formRef.current?.querySelector<HTMLElement>(`[name="baton-q-${missing[0]}"]`)?.focus();
          return;
        }
        props.onSubmit(answers);
      }}
    >
      <h3 id={titleId}>{survey.value.title}</h3>
      {survey.value.questions.map((question) => (
        <Question
          key={question.id}
          question={question}
          answer={answers[question.id]}
          invalid={invalid.includes(question.id)}
          strings={strings}
          onAnswer={(answer) => {
            const { [question.id]: _old, ...rest } = answers;
            setAnswers(answer ? { ...rest, [question.id]: answer } : rest);
          }}
        />
      ))}
      {survey.status === 'error' && <p class="failed">{strings.tryAgain}</p>}
      <button type="submit" class="action primary" disabled={survey.status === 'sending'}>
        {strings.surveySubmit}
      </button>
    </form>
  );
}
