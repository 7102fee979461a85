import type { ChatActionSet, Disposition } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../i18n';
import { en } from '../../i18n/en';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { Dialog } from '../Dialog';

export interface WrapUpDialogProps {
  session: ConsoleSession;
  conversationId: string;
  /** Without it (the server has not answered yet) the conversation just ends. */
  wrapUp: ChatActionSet['wrapUp'] | undefined;
  onClose: () => void;
  /** After the chat ended: record the wrap-up only. */
  ended?: boolean;
}

/** The console's own wording for the built-in codes; a hospital's own codes keep their label. */
export function dispositionLabel(t: Translate, disposition: Disposition): string {
  const key = `disposition_${disposition.code}`;
  return key in en ? t(key as MessageKey) : disposition.label;
}

/** End with a disposition code and a summary (stored for analytics), then end the chat. */
export function WrapUpDialog({
  session,
  conversationId,
  wrapUp,
  onClose,
  ended = false,
}: WrapUpDialogProps) {
  const { t } = useConsole();
  const [disposition, setDisposition] = useState(
    wrapUp?.saved?.disposition ?? wrapUp?.dispositions[0]?.code ?? '',
  );
  const [summary, setSummary] = useState(wrapUp?.saved?.summary ?? '');
  const submit = (event: Event) => {
    event.preventDefault();
    if (wrapUp) {
      if (!disposition) return;
      session.wrapUp(conversationId, { disposition, summary: summary.trim() });
    }
    if (!ended) session.end(conversationId, 'resolved');
    onClose();
  };
  return (
    <Dialog title={ended ? t('wrapUp') : wrapUp ? t('wrapUpTitle') : t('end')} onClose={onClose}>
      <form onSubmit={submit}>
        {ended ? null : <p>{t('endConfirm')}</p>}
        {wrapUp ? (
          <>
            <label for="wrap-up-disposition">{t('wrapUpDisposition')}</label>
            <select
              id="wrap-up-disposition"
              required
              value={disposition}
              onChange={(e) => setDisposition(e.currentTarget.value)}
            >
              {wrapUp.dispositions.map((d) => (
                <option key={d.code} value={d.code}>
                  {dispositionLabel(t, d)}
                </option>
              ))}
            </select>
            <label for="wrap-up-summary">{t('wrapUpSummary')}</label>
            <textarea
              id="wrap-up-summary"
              rows={3}
              maxLength={2000}
              value={summary}
              onInput={(e) => setSummary(e.currentTarget.value)}
            />
          </>
        ) : null}
        <div class="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary danger" disabled={Boolean(wrapUp) && !disposition}>
            {t('confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
