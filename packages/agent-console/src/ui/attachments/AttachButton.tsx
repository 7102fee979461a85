import type { AttachmentPolicy } from '@baton/handoff-protocol';
import { useRef, useState } from 'preact/hooks';
import type { ConsoleAttachments } from '../../session/attachments';
import { useConsole } from '../context';
import { errorReason } from '../labels';
import { formatSize } from './AttachmentView';

/**
 * The composer's paperclip: picks an image or PDF, uploads it and shares it with the
 * patient; progress and refusals are announced (a polite live region). Shown only when the
 * server allows files (`actions.available`'s `attachments`), whose limits are checked first.
 */
export function AttachButton({
  attachments,
  conversationId,
  disabled,
  policy,
}: {
  attachments: ConsoleAttachments;
  conversationId: string;
  disabled: boolean;
  policy: AttachmentPolicy | undefined;
}) {
  const { t, locale } = useConsole();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `attach-${conversationId}`;

  if (!policy) return null;
  const max = formatSize(locale, policy.maxBytes);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const name = file.name;
    if (!(policy.types as readonly string[]).includes(file.type)) {
      setStatus(t('attachFailed', { name, reason: errorReason(t, 'attachment_type_not_allowed') }));
      if (input.current) input.current.value = '';
      return;
    }
    if (file.size > policy.maxBytes) {
      setStatus(t('attachTooLarge', { name, max }));
      if (input.current) input.current.value = '';
      return;
    }
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
        accept={policy.types.join(',')}
        disabled={disabled || busy}
        aria-describedby={`${id}-hint`}
        onChange={(event) => void pick(event.currentTarget.files?.[0])}
      />
      <label for={id} class={`attach-button${disabled || busy ? ' disabled' : ''}`}>
        {t('attachFile')}
      </label>
      <span id={`${id}-hint`} class="vh">
        {t('attachHint')} {t('attachLimit', { max })}
      </span>
      <span class="attach-status" role="status">
        {status}
      </span>
    </span>
  );
}
