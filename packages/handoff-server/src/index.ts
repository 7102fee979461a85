export * from './adapters';
export {
  createAccessGuard,
  createDevSignIn,
  createPatientTokenVerifier,
  createStaffTokenVerifier,
  hashPassword,
  issuePatientToken,
  issueStaffToken,
  loadDevUsers,
  type PatientPrincipal,
  type Principal,
  type StaffPrincipal,
  type StaffRole,
} from './auth';
export {
  type CallProvider,
  type Meeting,
  type MeetingRequest,
  type TeamsCallOptions,
  teamsCallProvider,
  type UrlTemplateCallOptions,
  urlTemplateCallProvider,
} from './calls';
export {
  type BotChannel,
  type ConversationChangeEvent,
  ConversationEngine,
  createDirectLineBotChannel,
  type DirectLineBotChannelOptions,
  type EngineTimeouts,
} from './engine';
export {
  type AppointmentLinkBooking,
  type AppointmentLinkSigner,
  type AppointmentLinks,
  appointmentLinks,
} from './engine/followups/appointment-links';
export {
  DEFAULT_PATIENT_FIELDS,
  type FhirAuthorization,
  FhirClient,
  type FhirClientOptions,
  type FhirFieldMapping,
  type FhirPatientContextOptions,
  type FhirSchedulingOptions,
  fhirPatientContext,
  fhirScheduling,
  type SmartBackendOptions,
  smartBackendServices,
  staticBearer,
} from './fhir';
export type { RateLimit } from './gateway/rate-limit';
export { AGENT_NAMESPACE, FRAME_EVENT, PATIENT_NAMESPACE } from './gateway/rooms';
export {
  type DeliveryRetryPolicy,
  type NotificationOptions,
  type Notifier,
  NotifyError,
  type ReminderMessage,
  type SmtpNotifierOptions,
  smtpNotifier,
  type WebhookNotifierOptions,
  webhookNotifier,
} from './notify';
export { readServerEnv, type ServerEnv } from './ops/config';
export { createLogger } from './ops/logger';
export { type RunningServer, startFromEnv } from './ops/start';
export {
  contactFromRequest,
  type PatientContextProvider,
  tokenClaimsPatientContext,
  type VerifiedPatientContext,
} from './patient-context';
export {
  type BookingParty,
  builtInScheduling,
  type ScheduledAppointment,
  type SchedulingOutcome,
  type SchedulingProvider,
  type SlotQuery,
} from './scheduling';
export {
  createHandoffServer,
  type HandoffServer,
  type HandoffServerOptions,
  type RedisClients,
} from './server';
export {
  type ConversationStore,
  generateEncryptionKey,
  type KeyRingConfig,
  MemoryConversationStore,
  PostgresConversationStore,
  SqliteConversationStore,
} from './storage';
