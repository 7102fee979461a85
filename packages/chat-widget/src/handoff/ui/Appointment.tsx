import type { AppointmentConfirmation, AppointmentOffer } from '@baton/handoff-protocol';
import { useState } from 'preact/hooks';
import { format } from '../../i18n/strings';
import type { FollowUp } from '../state';
import { ChoiceGroup } from './ChoiceGroup';
import type { HandoffStrings } from './strings';

export function formatWhen(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(date);
  }
}

/** Slots offered by the agent or after a failed handoff: pick one, then the confirmation. */
export function AppointmentPicker(props: {
  offer: FollowUp<AppointmentOffer> & { slotId?: string };
  confirmed: AppointmentConfirmation | undefined;
  cancelled?: string | undefined;
  change?: FollowUp<string> | undefined;
  strings: HandoffStrings;
  locale: string;
  onSelect(slotId: string): void;
  onChange(type: 'appointment.cancel' | 'appointment.reschedule'): void;
}) {
  const { offer, strings, locale, confirmed, change } = props;
  const [choice, setChoice] = useState<string | null>(null);
  // The booking (or its cancellation) of this offer, or once picked; a later offer (to move
  // the appointment) is picked from.
  const booked = confirmed?.start ?? props.cancelled;
  if (booked && (offer.status === 'done' || offer.value.slots.some((s) => s.start === booked))) {
    return (
      <div class="followup">
        <p class="handoff-notice" role="status">
          {change?.status === 'error'
            ? strings.tryAgain
            : format(confirmed ? strings.booked : strings.appointmentCancelled, {
                when: formatWhen(booked, locale),
              })}
        </p>
        {confirmed &&
          (['appointment.reschedule', 'appointment.cancel'] as const).map((type, i) => (
            <button
              key={type}
              type="button"
              class="action"
              disabled={change?.status === 'sending'}
              onClick={() => props.onChange(type)}
            >
              {i ? strings.cancelAppointment : strings.moveAppointment}
            </button>
          ))}
      </div>
    );
  }
  const name = `baton-slot-${offer.value.offerId}`;
  return (
    <form
      class="followup"
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) props.onSelect(choice);
      }}
    >
      <ChoiceGroup class="choices" radio label={strings.slotsTitle} labelId={`${name}-label`}>
        {offer.value.slots.map((slot) => {
          const extra = [slot.schedule?.display, slot.serviceType?.[0]?.text].filter(Boolean);
          return (
            <label key={slot.id} class="choice">
              <input
                type="radio"
                name={name}
                value={slot.id}
                checked={choice === slot.id}
                onChange={() => setChoice(slot.id)}
              />
              <span>
                {formatWhen(slot.start, locale)}
                {extra.length > 0 && ` · ${extra.join(' · ')}`}
              </span>
            </label>
          );
        })}
      </ChoiceGroup>
      {offer.status === 'error' && (
        <p class="failed">{offer.error === 'conflict' ? strings.taken : strings.tryAgain}</p>
      )}
      <button
        type="submit"
        class="action primary"
        disabled={!choice || offer.status === 'sending' || offer.status === 'done'}
      >
        {strings.book}
      </button>
    </form>
  );
}
