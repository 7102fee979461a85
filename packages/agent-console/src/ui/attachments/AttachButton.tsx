import { useRef, useState } from 'preact/hooks';
import { ATTACHMENT_ACCEPT, type ConsoleAttachments } from '../../session/attachments';
import { useConsole } from '../context';
import { errorReason } from '../labels';

/**
 * The composer's paperclip: picks an image or PDF, uploads it and shares it with the
 * patient; progress and refusals are announced (a polite live region).
 */
export function AttachButton({
  attachments,
  conversationId,
  disabled,
}: {
  attachments: ConsoleAttachments;
  conversationId: string;
  disabled: boolean;
}) {
  const { t } = useConsole();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `attach-${conversationId}`;

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const name = file.name;
    setBusy(true);
    setStatus(t('attachUploading', { name }));
    const outcome = await attachments.share(conversationId, file);
    setBusy(false);
    setStatus(
      outcome.ok
        ? t('attachShared', { name })
        : t('attachFailed', { name, reason: errorReason(t, outcome.code) }),
    );
    if (input.current) input.current.value = '';
  };

  return (
    <span class="attach">
      <input
        ref={input}
        id={id}
        class="vh"
        type="file"
        accept={ATTACHMENT_ACCEPT}
        disabled={disabled || busy}
        aria-describedby={`${id}-hint`}
        onChange={(event) => void pick(event.currentTarget.files?.[0])}
      />
      <label for={id} class={`attach-button${disabled || busy ? ' disabled' : ''}`}>
        {t('attachFile')}
      </label>
      <span id={`${id}-hint`} class="vh">
        {t('attachHint')}
      </span>
      <span class="attach-status" role="status">
        {status}
      </span>
    </span>
  );
}
