import type { FallbackChoice, Survey } from '@baton/handoff-protocol';
import type { PatientPrincipal, StaffPrincipal } from '../../auth/principal';
import type { SchedulingProvider } from '../../scheduling/provider';
import type { ConversationRecord } from '../../storage/records';
import type { EngineCore } from '../core';
import type { AppointmentLinkSigner } from './appointment-links';

export type { FollowUpLogEvent } from './log-event';

/** What integrators can listen to (`engine.followups.onEvent`): ids and codes, never content. */
export type FollowUpNotice =
  | { type: 'survey.completed'; conversationId: string; surveyId: string; seq: number }
  | { type: 'appointment.booked'; conversationId: string; slotId: string; start: string }
  | { type: 'call.offered'; conversationId: string; callId: string; seq: number }
  | {
      type: 'fallback.selected';
      conversationId: string;
      option: FallbackChoice['option'];
      seq: number;
    }
  | { type: 'reminder.sent'; conversationId: string; slotId: string; dueAt: string }
  | {
      type: 'appointment.cancelled';
      conversationId: string;
      appointmentId: string;
      via: 'chat' | 'link';
    }
  | {
      type: 'appointment.rescheduled';
      conversationId: string;
      appointmentId: string;
      slotId: string;
      start: string;
      via: 'chat' | 'link';
    };

export type FollowUpListener = (notice: FollowUpNotice) => void;

/** Time, injectable so the reminder scheduler is tested without waiting. */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref();
    return timer;
  },
  clearTimer(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export interface FollowUpOptions {
  /** Sent automatically when an agent conversation ends (`BATON_SURVEY_ON_END`). */
  surveyOnEnd?: Survey | null;
  /** How long before an appointment its reminder goes out. Default 24 hours. */
  reminderLeadMs?: number;
  /** Slots offered by the server (fallback, after a lost booking race). Default 6. */
  offeredSlots?: number;
  /** How far ahead the server looks for free slots. Default 14 days. */
  slotWindowMs?: number;
  clock?: Clock;
  /** Where slots and appointments live. Default: Baton's database (`builtInScheduling`). */
  scheduling?: SchedulingProvider;
  /** Signs cancel/reschedule links (see `appointmentLinks`); without it there are no links. */
  appointmentLinks?: AppointmentLinkSigner;
}

export const DEFAULT_REMINDER_LEAD_MS = 24 * 60 * 60_000;
export const DEFAULT_OFFERED_SLOTS = 6;
export const DEFAULT_SLOT_WINDOW_MS = 14 * 24 * 60 * 60_000;

/** How follow-ups check access: the engine's authorize paths (policy + audit of denials). */
export interface FollowUpAccess {
  /** The conversation, if this patient owns it (action `message`); else `forbidden`. */
  patient(patient: PatientPrincipal, conversationId: string): Promise<ConversationRecord>;
  /** The conversation, if the policy lets this staff member act on it (action `message`). */
  staff(staff: StaffPrincipal, conversationId: string): Promise<ConversationRecord>;
}

/** What every follow-up flow works with. */
export interface FollowUpContext {
  core: EngineCore;
  access: FollowUpAccess;
  clock: Clock;
  notify(notice: FollowUpNotice): void;
  scheduling: SchedulingProvider;
}
