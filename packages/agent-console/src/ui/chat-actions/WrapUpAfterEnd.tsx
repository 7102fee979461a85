import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import type { ConversationView } from '../../session/state';
import { useConsole, useSessionState } from '../context';
import { dispositionLabel, WrapUpDialog } from './WrapUpDialog';

const WRAPPABLE = new Set(['ended', 'abandoned', 'expired']);

/**
 * A conversation this agent held ended (she ended it, the patient left, it timed out): its
 * wrap-up can still be recorded, or is shown once saved.
 */
export function WrapUpAfterEnd({
  session,
  view,
}: {
  session: ConsoleSession;
  view: ConversationView;
}) {
  const { t } = useConsole();
  const state = useSessionState(session);
  const [open, setOpen] = useState(false);
  const id = view.conversationId;
  const actions = state.chat?.available[id];
  const saved = state.chat?.wrapUps[id];
  if (!actions || !WRAPPABLE.has(view.state) || !view.held) return null;
  if (saved) {
    const known = actions.wrapUp.dispositions.find((d) => d.code === saved.disposition);
    const label = known ? dispositionLabel(t, known) : saved.disposition;
    return (
      <p class="muted" role="status">
        {t('wrapUpSaved', { disposition: label })}
      </p>
    );
  }
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('wrapUp')}
      </button>
      {open ? (
        <WrapUpDialog
          session={session}
          conversationId={id}
          wrapUp={actions.wrapUp}
          ended
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
