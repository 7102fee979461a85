export { FollowUps, type FollowUpsConfig } from './followups';
export {
  type AppointmentReminder,
  eventReminderSender,
  ReminderScheduler,
  type ReminderSchedulerOptions,
  type ReminderSender,
} from './reminders';
export { DEFAULT_END_SURVEY, loadSurveyFile } from './survey-config';
export { averageSurveyRating } from './survey-records';
export type {
  Clock,
  FollowUpListener,
  FollowUpNotice,
  FollowUpOptions,
} from './types';
export { DEFAULT_REMINDER_LEAD_MS, systemClock } from './types';
