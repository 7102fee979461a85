export type { AdapterAgentSide, AdapterFixture, TestHandoffAdapterOptions } from './driver';
export {
  type CommittedAgentMessage,
  ConformanceHost,
  type HostLogEntry,
  type HostReport,
  type HostReportKind,
} from './host';
export { testHandoffAdapter } from './suite';
