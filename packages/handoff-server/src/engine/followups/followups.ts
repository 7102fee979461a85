import type { PatientPrincipal, StaffPrincipal } from '../../auth/principal';
import type { CallProvider } from '../../calls/provider';
import { builtInScheduling } from '../../scheduling/built-in';
import type { SchedulingProvider } from '../../scheduling/provider';
import type { EngineCore } from '../core';
import { errorCode } from '../core';
import type { AgentAckFrame, AgentFrame, PatientAckFrame, PatientFrame } from '../frames';
import type { ConversationChangeEvent } from '../types';
import { AppointmentChanges } from './appointment-changes';
import {
  type AppointmentLinkBooking,
  type AppointmentLinks,
  appointmentLinks,
} from './appointment-links';
import { AppointmentFlow } from './appointments';
import { CallFlow } from './calls';
import { FallbackFlow } from './fallbacks';
import { durableReminderClaims } from './reminder-claims';
import { eventReminderSender, ReminderScheduler, type ReminderSender } from './reminders';
import { SurveyFlow } from './surveys';
import {
  DEFAULT_OFFERED_SLOTS,
  DEFAULT_SLOT_WINDOW_MS,
  type FollowUpAccess,
  type FollowUpContext,
  type FollowUpListener,
  type FollowUpNotice,
  type FollowUpOptions,
  systemClock,
} from './types';
import type { FollowUpWorklist } from './worklist';

export interface FollowUpsConfig extends FollowUpOptions {
  /** Where fallback picks become follow-up items. */
  worklist?: FollowUpWorklist;
  access: FollowUpAccess;
  /** Where reminders go. Default: a `reminder.sent` notice (see `onEvent`), nothing external. */
  reminderSender?: ReminderSender;
  /** Makes meetings for `calls.start` (URL template, Teams). Default none. */
  callProvider?: CallProvider | null;
  /** How long a call started by the server is offered. Default 30 minutes. */
  callTtlMs?: number;
}

/**
 * After (or beside) the chat: surveys, appointments with reminders, call invitations and
 * the fallbacks of a failed handoff. Every command is authorised through the access policy,
 * runs under the conversation's lock, is logged with a `seq` and acknowledged after commit.
 */
export class FollowUps {
  readonly surveys: SurveyFlow;
  readonly appointments: AppointmentFlow;
  /** Cancel and reschedule, from the chat or a signed link. */
  readonly appointmentChanges: AppointmentChanges;
  /** The signed cancel/reschedule links of a booking (for reminders); null when unconfigured. */
  readonly appointmentLinks: ((booking: AppointmentLinkBooking) => AppointmentLinks) | null;
  readonly linkSigner: FollowUpsConfig['appointmentLinks'] | null;
  readonly calls: CallFlow;
  /** Where slots come from and bookings go (built-in slots, or a FHIR scheduler). */
  readonly scheduling: SchedulingProvider;
  readonly fallbacks: FallbackFlow;
  readonly reminders: ReminderScheduler;
  readonly #core: EngineCore;
  readonly #listeners = new Set<FollowUpListener>();

  constructor(core: EngineCore, config: FollowUpsConfig) {
    this.#core = core;
    const clock = config.clock ?? systemClock;
    const ctx: FollowUpContext = {
      core,
      access: config.access,
      clock,
      notify: (notice) => this.#notify(notice),
      scheduling: config.scheduling ?? builtInScheduling(core.store),
    };
    const slotWindowMs = config.slotWindowMs ?? DEFAULT_SLOT_WINDOW_MS;
    const sender =
      config.reminderSender ??
      eventReminderSender((r) =>
        this.#notify({
          type: 'reminder.sent',
          conversationId: r.conversationId,
          slotId: r.slotId,
          dueAt: r.dueAt,
        }),
      );
    this.reminders = new ReminderScheduler({
      store: core.store,
      sender,
      logger: core.logger,
      clock,
      claims: durableReminderClaims(core.store, core.scheduler, sender),
      ...(config.reminderLeadMs !== undefined ? { leadMs: config.reminderLeadMs } : {}),
    });
    this.surveys = new SurveyFlow(ctx, config.surveyOnEnd ?? null);
    this.appointments = new AppointmentFlow(ctx, this.reminders, {
      offeredSlots: config.offeredSlots ?? DEFAULT_OFFERED_SLOTS,
      slotWindowMs,
    });
    this.appointmentChanges = new AppointmentChanges(ctx, this.appointments);
    const signer = config.appointmentLinks;
    this.appointmentLinks = signer
      ? (booking: AppointmentLinkBooking) => appointmentLinks(booking, signer)
      : null;
    this.linkSigner = signer ?? null;
    this.calls = new CallFlow(ctx, config.callProvider ?? null, config.callTtlMs);
    this.scheduling = ctx.scheduling;
    this.fallbacks = new FallbackFlow(ctx, this.appointments, slotWindowMs, config.worklist);
  }

  /** Ids-only notices (survey completed, booking, reminder, fallback, call offered). */
  onEvent(listener: FollowUpListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The engine's change listener: an agent conversation that ended may get a survey. */
  onChange = (change: ConversationChangeEvent): void => {
    if (change.from === 'assigned' && change.to === 'ended')
      this.surveys.conversationEnded(change.conversation.id);
  };

  async start(): Promise<void> {
    const planned = await this.reminders.recover();
    if (planned > 0) this.#core.logger.info({ reminders: planned }, 'reminders recovered');
  }

  stop(): void {
    this.reminders.stop();
  }

  // Patient commands
  surveyResponse(
    patient: PatientPrincipal,
    frame: PatientFrame<'survey.response'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    return this.surveys.respond(patient, frame, onAuthorized);
  }

  appointmentSelect(
    patient: PatientPrincipal,
    frame: PatientFrame<'appointment.select'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    return this.appointments.select(patient, frame, onAuthorized);
  }

  appointmentCancel(
    patient: PatientPrincipal,
    frame: PatientFrame<'appointment.cancel'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    return this.appointmentChanges.cancel(patient, frame, onAuthorized);
  }

  appointmentReschedule(
    patient: PatientPrincipal,
    frame: PatientFrame<'appointment.reschedule'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    return this.appointmentChanges.reschedule(patient, frame, onAuthorized);
  }

  fallbackSelect(
    patient: PatientPrincipal,
    frame: PatientFrame<'fallback.select'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    return this.fallbacks.select(patient, frame, onAuthorized);
  }

  // Agent commands
  surveyOffer(staff: StaffPrincipal, frame: AgentFrame<'survey.offer'>): Promise<AgentAckFrame> {
    return this.surveys.offer(staff, frame);
  }

  appointmentOffer(
    staff: StaffPrincipal,
    frame: AgentFrame<'appointment.offer'>,
  ): Promise<AgentAckFrame> {
    return this.appointments.offer(staff, frame);
  }

  appointmentConfirm(
    staff: StaffPrincipal,
    frame: AgentFrame<'appointment.confirm'>,
  ): Promise<AgentAckFrame> {
    return this.appointments.confirm(staff, frame);
  }

  callOffer(staff: StaffPrincipal, frame: AgentFrame<'call.offer'>): Promise<AgentAckFrame> {
    return this.calls.offer(staff, frame);
  }

  #notify(notice: FollowUpNotice): void {
    for (const listener of this.#listeners) {
      try {
        listener(notice);
      } catch (error) {
        this.#core.logger.warn(
          { conversationId: notice.conversationId, err: errorCode(error) },
          'follow-up listener failed',
        );
      }
    }
  }
}
