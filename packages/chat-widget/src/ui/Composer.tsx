import { useRef, useState } from 'preact/hooks';
import { format, type Strings } from '../i18n/strings';

/** Longest message the composer takes (the handoff protocol allows 4,000). */
const MAX_TEXT = 2000;

export function Composer(props: {
  strings: Strings;
  disabled: boolean;
  onSend(text: string): void;
  onTyping?(): void;
  inputRef: { current: HTMLTextAreaElement | null };
}) {
  const [text, setText] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const { strings } = props;
  const left = MAX_TEXT - text.length;
  const submit = (event?: Event) => {
    event?.preventDefault();
    // Read the field itself: autofill and IMEs may change it without an input event.
    const value = props.inputRef.current?.value ?? text;
    if (props.disabled || !value.trim()) return;
    props.onSend(value);
    setText('');
    if (props.inputRef.current) props.inputRef.current.value = '';
  };
  return (
    <>
      <form ref={formRef} onSubmit={submit}>
        <label class="vh" for="baton-input">
          {strings.inputLabel}
        </label>
        <textarea
          id="baton-input"
          ref={props.inputRef}
          rows={1}
          maxLength={MAX_TEXT}
          aria-describedby={left < 100 ? 'baton-count' : undefined}
          placeholder={strings.inputPlaceholder}
          value={text}
          onInput={(event) => {
            setText((event.currentTarget as HTMLTextAreaElement).value);
            props.onTyping?.();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event);
          }}
        />
        <button type="submit" class="send" disabled={props.disabled}>
          {strings.send}
        </button>
      </form>
      {left < 100 ? (
        <p id="baton-count" class="meta count" role="status">
          {format(strings.charsLeft, { n: String(left) })}
        </p>
      ) : null}
    </>
  );
}
