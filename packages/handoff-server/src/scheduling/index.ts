export { builtInScheduling } from './built-in';
export type {
  BookingParty,
  ScheduledAppointment,
  SchedulingOutcome,
  SchedulingProvider,
  SlotQuery,
} from './provider';
