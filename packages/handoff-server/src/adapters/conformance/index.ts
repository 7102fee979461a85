export type {
  AdapterAgentSide,
  AdapterFixture,
  AgentSideFile,
  TestHandoffAdapterOptions,
} from './driver';
export {
  ConformanceHost,
  type HostReport,
} from './host';
export { testHandoffAdapter } from './suite';
