import { createId, type Slot } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { Dialog } from '../Dialog';

export interface SlotsDialogProps {
  session: ConsoleSession;
  conversationId: string;
  slots: readonly Slot[];
  onClose: () => void;
}

/** The agent picks from the server's free slots; the patient chooses one in the widget. */
export function SlotsDialog({ session, conversationId, slots, onClose }: SlotsDialogProps) {
  const { t, locale } = useConsole();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(slots.slice(0, 3).map((s) => s.id)),
  );
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setChosen(next);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const picked = slots.filter((s) => chosen.has(s.id));
    if (picked.length === 0) return;
    session.offerAppointment(conversationId, { offerId: createId(), slots: picked });
    onClose();
  };
  return (
    <Dialog title={t('slotsTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <fieldset class="slots">
          <legend>{t('slotsHint')}</legend>
          {slots.length === 0 ? <p class="muted">{t('slotsNone')}</p> : null}
          {slots.map((slot) => (
            <label key={slot.id} class="slot">
              <input
                type="checkbox"
                checked={chosen.has(slot.id)}
                onChange={() => toggle(slot.id)}
              />{' '}
              <span>{when.format(new Date(slot.start))}</span>
              {slot.schedule?.display ? (
                <span class="muted"> · {slot.schedule.display}</span>
              ) : null}
            </label>
          ))}
        </fieldset>
        <div class="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={chosen.size === 0}>
            {t('slotsOffer', { count: chosen.size })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
