import {
  EMERGENCY_NUMBERS,
  type EscalationSettings,
  FALLBACK_PHRASES,
  PERSON_REQUEST_PHRASES,
  type PhraseLists,
  RED_FLAG_PHRASES,
} from '@baton/handoff-protocol';
import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '../context';

const LOCALES = ['en', 'fr', 'es'] as const;
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

interface Draft {
  personPhrases: string;
  redFlags: string;
  fallbackPhrases: string;
  emergencyNumber: string;
}

/** The widget's built-in list behind each text area: in use while that list is empty. */
const BUILT_IN: Partial<Record<keyof Draft, PhraseLists>> = {
  personPhrases: PERSON_REQUEST_PHRASES,
  redFlags: RED_FLAG_PHRASES,
  fallbackPhrases: FALLBACK_PHRASES,
};

function draftOf(settings: EscalationSettings, locale: string): Draft {
  return {
    personPhrases: (settings.patientRequest?.phrases?.[locale] ?? []).join('\n'),
    redFlags: (settings.redFlags?.phrases?.[locale] ?? []).join('\n'),
    fallbackPhrases: (settings.botFailure?.fallbackPhrases?.[locale] ?? []).join('\n'),
    emergencyNumber: settings.redFlags?.emergencyNumbers?.[locale] ?? '',
  };
}

/** `lists` with `locale`'s list replaced (removed when empty). */
function withList(
  lists: Record<string, string[]> | undefined,
  locale: string,
  list: string[],
): Record<string, string[]> {
  const next = { ...lists };
  if (list.length) next[locale] = list;
  else delete next[locale];
  return next;
}

/**
 * The widget's escalation settings per locale (phrases asking for a person, red flags and the
 * emergency number, the bot's fallback replies) and the thresholds; empty lists keep the
 * widget's built-in ones. The widget fetches them when a chat starts.
 */
export function EscalationSettingsEditor(props: {
  settings: EscalationSettings;
  onSave: (value: EscalationSettings) => Promise<string | null>;
}) {
  const { t } = useConsole();
  const [locale, setLocale] = useState<string>('en');
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.settings, 'en'));
  const [confirm, setConfirm] = useState(props.settings.patientRequest?.confirm ?? true);
  const [fallbacks, setFallbacks] = useState(
    String(props.settings.botFailure?.consecutiveFallbacks ?? 2),
  );
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // Saved settings come back: show them (a language change sets its draft at once, below).
  useEffect(() => setDraft(draftOf(props.settings, locale)), [props.settings]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const s = props.settings;
    const numbers = { ...s.redFlags?.emergencyNumbers };
    if (draft.emergencyNumber.trim()) numbers[locale] = draft.emergencyNumber.trim();
    else delete numbers[locale];
    const value: EscalationSettings = {
      patientRequest: {
        phrases: withList(s.patientRequest?.phrases, locale, lines(draft.personPhrases)),
        confirm,
      },
      redFlags: {
        phrases: withList(s.redFlags?.phrases, locale, lines(draft.redFlags)),
        emergencyNumbers: numbers,
      },
      botFailure: {
        ...s.botFailure,
        fallbackPhrases: withList(
          s.botFailure?.fallbackPhrases,
          locale,
          lines(draft.fallbackPhrases),
        ),
        consecutiveFallbacks: Number(fallbacks),
      },
    };
    setStatus(t('settingsSaving'));
    setError('');
    const problem = await props.onSave(value);
    setStatus(problem ? '' : t('escalationSaved'));
    setError(problem ?? '');
  };

  const area = (key: keyof Draft, label: string) => {
    const builtIn = BUILT_IN[key]?.[locale] ?? [];
    const own = lines(draft[key]).length > 0;
    return (
      <>
        <label for={`escalation-${key}`}>{label}</label>
        <textarea
          id={`escalation-${key}`}
          value={draft[key]}
          aria-describedby={`escalation-${key}-builtin`}
          onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
        />
        <details class="builtin" id={`escalation-${key}-builtin`}>
          <summary>
            {t(own ? 'escalationBuiltInReplaced' : 'escalationBuiltInUsed', {
              count: String(builtIn.length),
            })}
          </summary>
          <ul lang={locale}>
            {builtIn.map((phrase) => (
              <li key={phrase}>{phrase}</li>
            ))}
          </ul>
          {!own && (
            <button type="button" onClick={() => setDraft({ ...draft, [key]: builtIn.join('\n') })}>
              {t('escalationBuiltInCopy')}
            </button>
          )}
        </details>
      </>
    );
  };

  return (
    <form class="admin-section" aria-labelledby="escalation-title" onSubmit={submit}>
      <h3 id="escalation-title">{t('escalationTitle')}</h3>
      <p class="muted">{t('escalationHint')}</p>
      <label for="escalation-locale">{t('escalationLocale')}</label>
      <select
        id="escalation-locale"
        value={locale}
        onChange={(e) => {
          setLocale(e.currentTarget.value);
          setDraft(draftOf(props.settings, e.currentTarget.value));
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
      {area('personPhrases', t('escalationPersonPhrases'))}
      {area('redFlags', t('escalationRedFlags'))}
      <label for="escalation-emergencyNumber">{t('escalationEmergencyNumber')}</label>
      <input
        id="escalation-emergencyNumber"
        inputMode="tel"
        placeholder={t('escalationBuiltInNumber', {
          number: EMERGENCY_NUMBERS[locale] ?? EMERGENCY_NUMBERS.default ?? '112',
        })}
        value={draft.emergencyNumber}
        onInput={(e) => setDraft({ ...draft, emergencyNumber: e.currentTarget.value })}
      />
      {area('fallbackPhrases', t('escalationFallbackPhrases'))}
      <label for="escalation-fallbacks">{t('escalationConsecutiveFallbacks')}</label>
      <input
        id="escalation-fallbacks"
        type="number"
        min={1}
        max={10}
        value={fallbacks}
        onInput={(e) => setFallbacks(e.currentTarget.value)}
      />
      <label class="confirm">
        <input
          type="checkbox"
          checked={confirm}
          onChange={(e) => setConfirm(e.currentTarget.checked)}
        />{' '}
        {t('escalationConfirm')}
      </label>
      <button type="submit" class="primary">
        {t('saveEscalation')}
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
