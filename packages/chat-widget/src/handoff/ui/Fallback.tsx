import type { FallbackChoice, FallbackOption } from '@baton/handoff-protocol';
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FollowUp } from '../state';
import type { HandoffStrings } from './strings';

/** E.164: `+`, a country code that does not start with 0, 7 to 15 digits in all. */
export const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * A number as people type it, in E.164 when it can be: spaces, dots, dashes and brackets
 * dropped, `00` read as `+`, and a national number (`06 12 34 56 78`, `(212) 555-0100`)
 * given the calling code of the patient's region, without its trunk `0`.
 */
export function normalisePhone(input: string, dialCode?: string): string {
  const number = input.replace(/[\s()./-]/g, '').replace(/^00/, '+');
  if (number.startsWith('+') || !dialCode || !/^[0-9]{6,14}$/.test(number)) return number;
  return `+${dialCode}${dialCode === '1' ? number.replace(/^1/, '') : number.replace(/^0/, '')}`;
}

/**
 * The first field of a form the patient just opened, focused once, and the form scrolled into
 * the handoff panel's own scroller (it opens below the fold on a laptop screen, its Send
 * button hidden).
 */
function useFirstField<T extends HTMLElement>(): RefObject<T> {
  const field = useRef<T>(null);
  useEffect(() => {
    field.current?.focus({ preventScroll: true });
    field.current?.closest('form')?.scrollIntoView({ block: 'nearest' });
  }, []);
  return field;
}

function LeaveMessageForm(props: {
  strings: HandoffStrings;
  onSend(choice: FallbackChoice): void;
}) {
  const [text, setText] = useState('');
  const first = useFirstField<HTMLTextAreaElement>();
  return (
    <form
      class="followup"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) props.onSend({ option: 'leave-message', text: text.trim() });
      }}
    >
      <label class="field">
        {props.strings.messageLabel}
        <textarea
          ref={first}
          name="baton-leave-message"
          maxLength={4000}
          required
          value={text}
          onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <button type="submit" class="action primary" disabled={!text.trim()}>
        {props.strings.send}
      </button>
    </form>
  );
}

function CallbackForm(props: { strings: HandoffStrings; onSend(choice: FallbackChoice): void }) {
  const { strings } = props;
  const [phone, setPhone] = useState('');
  const [when, setWhen] = useState('');
  const [invalid, setInvalid] = useState(false);
  const first = useFirstField<HTMLInputElement>();
  return (
    <form
      class="followup"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const number = normalisePhone(phone, strings.dialCode);
        if (!E164.test(number)) {
          setInvalid(true);
          (event.currentTarget as HTMLFormElement).querySelector('input')?.focus();
          return;
        }
        setInvalid(false);
        props.onSend({
          option: 'callback',
          phone: number,
          ...(when.trim() ? { preferredTime: when.trim().slice(0, 200) } : {}),
        });
      }}
    >
      <label class="field">
        {strings.phoneLabel}
        <input
          ref={first}
          type="tel"
          name="baton-callback-phone"
          autocomplete="tel"
          inputMode="tel"
          required
          aria-invalid={invalid}
          {...(invalid ? { 'aria-describedby': 'baton-phone-error' } : {})}
          value={phone}
          onInput={(event) => setPhone((event.currentTarget as HTMLInputElement).value)}
        />
        {invalid && (
          <span id="baton-phone-error" class="failed">
            {strings.phoneInvalid}
          </span>
        )}
      </label>
      <label class="field">
        {strings.preferredTime}
        <input
          type="text"
          name="baton-callback-time"
          maxLength={200}
          value={when}
          onInput={(event) => setWhen((event.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <button type="submit" class="action primary">
        {strings.send}
      </button>
    </form>
  );
}

/** After `handoff.failed`: leave a message, request a callback, or book an appointment. */
export function FallbackChoices(props: {
  options: readonly FallbackOption[];
  fallback: FollowUp<FallbackOption> | undefined;
  strings: HandoffStrings;
  onChoose(choice: FallbackChoice): void;
}) {
  const { strings, fallback } = props;
  const [open, setOpen] = useState<FallbackOption | null>(null);
  if (props.options.length === 0) return null;
  if (fallback?.status === 'done') {
    return fallback.value === 'appointment' ? null : (
      <p class="handoff-notice">{strings.fallbackDone}</p>
    );
  }
  const label: Record<FallbackOption, string> = {
    'leave-message': strings.leaveMessage,
    callback: strings.callback,
    appointment: strings.appointment,
  };
  return (
    <div class="followup">
      <p>{strings.fallbackIntro}</p>
      <div class="actions">
        {props.options.map((option) => (
          <button
            key={option}
            type="button"
            class={open === option ? 'action primary' : 'action'}
            aria-pressed={open === option}
            disabled={fallback?.status === 'sending'}
            onClick={() => {
              setOpen(option);
              if (option === 'appointment') props.onChoose({ option: 'appointment' });
            }}
          >
            {label[option]}
          </button>
        ))}
      </div>
      {open === 'leave-message' && <LeaveMessageForm strings={strings} onSend={props.onChoose} />}
      {open === 'callback' && <CallbackForm strings={strings} onSend={props.onChoose} />}
      {fallback?.status === 'error' && <p class="failed">{strings.tryAgain}</p>}
    </div>
  );
}
