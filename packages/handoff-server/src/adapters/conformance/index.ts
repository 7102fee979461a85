export type {
  AdapterAgentSide,
  AdapterFixture,
  AgentSideFile,
  AgentSideUpload,
  TestHandoffAdapterOptions,
} from './driver';
export {
  ConformanceHost,
  type HostReport,
} from './host';
export { testHandoffAdapter } from './suite';
