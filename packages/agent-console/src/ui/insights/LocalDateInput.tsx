import { useConsole } from '../context';

/** How a date or time field's value reads in the console's language. */
export function spelledOut(
  type: 'date' | 'time',
  value: string,
  locale: string,
  dateStyle: 'full' | 'long' = 'full',
): string {
  if (type === 'date') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!day) return value;
    const at = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }).format(at);
  }
  const time = /^(\d{2}):(\d{2})/.exec(value);
  if (!time) return '';
  const at = Date.UTC(2000, 0, 1, Number(time[1]), Number(time[2]));
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(at);
}

export interface LocalDateInputProps {
  id: string;
  type: 'date' | 'time';
  value: string;
  required?: boolean;
  disabled?: boolean;
  /** When no `<label for>` names the field. */
  label?: string;
  onValue(value: string): void;
}

/** Whether the browser draws date fields in another language than the console's. */
function browserSpeaksOtherwise(locale: string): boolean {
  const browser = typeof navigator === 'undefined' ? '' : (navigator.language ?? '');
  return browser.toLowerCase().split('-')[0] !== locale;
}

/**
 * A date (or time) field that reads in the console's language: browsers draw the field in
 * their own locale's format (Chromium ignores `lang` there), so when the browser's language
 * is another, the value is also written out beside it ("vendredi 4 décembre 2026") and tied
 * to the field with `aria-describedby`.
 */
export function LocalDateInput(props: LocalDateInputProps) {
  const { locale } = useConsole();
  const spelledId = `${props.id}-spelled`;
  const spelled = browserSpeaksOtherwise(locale);
  return (
    <>
      <input
        id={props.id}
        type={props.type}
        lang={locale}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-label={props.label}
        aria-describedby={spelled ? spelledId : undefined}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      {spelled ? (
        <span id={spelledId} class="date-spelled">
          {spelledOut(props.type, props.value, locale)}
        </span>
      ) : null}
    </>
  );
}
