import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleSession } from '../session/session';
import { AttachButton } from './attachments/AttachButton';
import { ComposePreview } from './ComposePreview';
import { onComposerInsert } from './content/insert-bus';
import { useCannedPicker } from './content/useCannedPicker';
import { useConversationContent } from './content/useConversationContent';
import { useConsole, useSessionState } from './context';

const TYPING_IDLE_MS = 4000;

export interface ComposerProps {
  session: ConsoleSession;
  conversationId: string;
  disabled: boolean;
}

/** Message or internal note; Enter sends, Shift+Enter is a new line; canned responses insert. */
export function Composer({ session, conversationId, disabled }: ComposerProps) {
  const { t } = useConsole();
  // What she typed here before working another conversation comes back.
  const [mode, setMode] = useState(() => session.drafts.get(conversationId)?.mode ?? 'message');
  const [text, setText] = useState(() => session.drafts.get(conversationId)?.text ?? '');
  useEffect(
    () => session.drafts.save(conversationId, { mode, text }),
    [conversationId, mode, text],
  );
  const [preview, setPreview] = useState(false);
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const input = useRef<HTMLTextAreaElement>(null);
  const content = useConversationContent(session, conversationId);
  const files = useSessionState(session).chat?.available[conversationId]?.attachments;
  const picker = useCannedPicker({
    conversationId,
    text,
    setText: (value) => onInput(value),
    enabled: mode === 'message' && !disabled,
    content,
  });
  const current = useRef(text);
  current.current = text;
  // Script steps, article snippets and links from the assist panel land here.
  useEffect(
    () =>
      onComposerInsert(conversationId, (inserted) => {
        const before = current.current;
        onInput(before.trim() ? `${before.replace(/\s+$/, '')}\n${inserted}` : inserted);
        input.current?.focus();
      }),
    [conversationId, mode],
  );

  useEffect(
    () => () => {
      clearTimeout(idle.current);
    },
    [],
  );

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (mode === 'message') session.setTyping(conversationId, false);
  };

  const onInput = (value: string) => {
    setText(value);
    if (mode !== 'message') return;
    session.setTyping(conversationId, value.length > 0);
    clearTimeout(idle.current);
    idle.current = setTimeout(() => session.setTyping(conversationId, false), TYPING_IDLE_MS);
  };

  const send = () => {
    const value = text.trim();
    if (!value || disabled) return;
    if (mode === 'note') session.addNote(conversationId, value);
    else {
      stopTyping();
      session.sendMessage(conversationId, value, 'markdown'); // the widget renders it
    }
    setText('');
  };

  const inputId = `composer-${conversationId}`;
  return (
    <form
      class={`composer mode-${mode}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <fieldset class="mode" disabled={disabled}>
        <legend class="vh">{t('mode')}</legend>
        <label>
          <input
            type="radio"
            name={`mode-${conversationId}`}
            checked={mode === 'message'}
            onChange={() => setMode('message')}
          />{' '}
          {t('modeMessage')}
        </label>
        <label>
          <input
            type="radio"
            name={`mode-${conversationId}`}
            checked={mode === 'note'}
            onChange={() => {
              stopTyping();
              setMode('note');
            }}
          />{' '}
          {t('modeNote')}
        </label>
      </fieldset>
      {mode === 'note' ? <p class="note-hint">{t('noteLabel')}</p> : null}
      <label for={inputId}>{mode === 'note' ? t('noteInput') : t('message')}</label>
      <textarea
        id={inputId}
        ref={input}
        rows={3}
        maxLength={4000}
        disabled={disabled}
        value={text}
        onInput={(e) => onInput(e.currentTarget.value)}
        onBlur={stopTyping}
        {...picker.comboProps}
        aria-describedby={mode === 'message' ? `${inputId}-hint` : undefined}
        onKeyDown={(event) => {
          if (picker.onKeyDown(event)) return;
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      {picker.list}
      {mode === 'message' ? (
        <p id={`${inputId}-hint`} class="composer-hint muted">
          {t('cannedHint')}
        </p>
      ) : null}
      {mode === 'message' ? (
        <ComposePreview
          id={`${inputId}-preview`}
          text={text}
          shown={preview}
          disabled={disabled}
          onToggle={() => setPreview(!preview)}
        />
      ) : null}
      <div class="composer-actions">
        {mode === 'message' ? (
          <AttachButton
            attachments={session.attachments}
            conversationId={conversationId}
            disabled={disabled}
            policy={files}
          />
        ) : null}
        <button type="submit" class="primary" disabled={disabled || text.trim() === ''}>
          {mode === 'note' ? t('addNote') : t('send')}
        </button>
      </div>
    </form>
  );
}
