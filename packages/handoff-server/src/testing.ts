export {
  type AdapterAgentSide,
  type AdapterFixture,
  type AgentSideFile,
  type AgentSideUpload,
  ConformanceHost,
  type HostReport,
  type TestHandoffAdapterOptions,
  testHandoffAdapter,
} from './adapters/conformance';
export { type CallProviderFixture, testCallProvider } from './calls/conformance';
export {
  type NotifierFixture,
  type ReceivedReminder,
  SAMPLE_REMINDER,
  testNotifier,
} from './notify/conformance';
export {
  type PatientContextFixture,
  testPatientContextProvider,
} from './patient-context/conformance';
export {
  type SchedulingFixture,
  testSchedulingProvider,
} from './scheduling/conformance';
export { type StoreFixture, testConversationStore } from './storage/conformance';
