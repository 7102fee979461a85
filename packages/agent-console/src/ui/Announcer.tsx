import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleState } from '../session/state';
import { useConsole } from './context';
import { priorityLabel } from './labels';

/**
 * Screen-reader announcements (aria-live): a new patient in the queue (assertive for an
 * emergency) and a new patient message in a conversation that is not on screen (the visible
 * chat is a `role="log"` and announces itself).
 */
export function Announcer({ state }: { state: ConsoleState }) {
  const { t } = useConsole();
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');
  const seenQueue = useRef<Set<string> | null>(null);
  const seenMessages = useRef(new Map<string, number>());
  // The patients the queue announcement names: once all are taken, it is cleared (a screen
  // reader reviewing the region must not read "New patient waiting" about an accepted one).
  const announced = useRef<Set<string>>(new Set());
  const queueText = useRef('');

  useEffect(() => {
    const known = seenQueue.current;
    const ids = new Set(state.queue.map((i) => i.conversationId));
    seenQueue.current = ids;
    if (!known) return;
    const fresh = state.queue.filter((i) => !known.has(i.conversationId));
    if (announced.current.size > 0 && ![...announced.current].some((id) => ids.has(id))) {
      announced.current = new Set();
      setPolite((text) => (text === queueText.current ? '' : text));
      setAssertive((text) => (text === queueText.current ? '' : text));
    }
    if (fresh.length === 0) return;
    announced.current = new Set(fresh.map((i) => i.conversationId));
    const text = fresh
      .map((i) =>
        t('newQueueItem', { name: i.patientDisplayName, priority: priorityLabel(t, i.priority) }),
      )
      .join(' ');
    queueText.current = text;
    if (fresh.some((i) => i.priority === 'emergency')) setAssertive(text);
    else setPolite(text);
  }, [state.queue, t]);

  useEffect(() => {
    const announcements: string[] = [];
    for (const view of state.conversations) {
      const count = view.items.filter((i) => i.from === 'patient' && i.kind === 'message').length;
      const before = seenMessages.current.get(view.conversationId);
      seenMessages.current.set(view.conversationId, count);
      if (
        before !== undefined &&
        count > before &&
        view.conversationId !== state.activeConversationId
      ) {
        announcements.push(t('newMessageFrom', { name: view.request.patient.displayName }));
      }
    }
    if (announcements.length > 0) setPolite(announcements.join(' '));
  }, [state.conversations, state.activeConversationId, t]);

  return (
    <div class="vh">
      <div aria-live="polite" aria-atomic="true" data-testid="announce-polite">
        {polite}
      </div>
      <div aria-live="assertive" aria-atomic="true" data-testid="announce-assertive">
        {assertive}
      </div>
    </div>
  );
}
