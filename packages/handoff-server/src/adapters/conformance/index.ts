export type { AdapterAgentSide, AdapterFixture, TestHandoffAdapterOptions } from './driver';
export {
  ConformanceHost,
  type HostReport,
} from './host';
export { testHandoffAdapter } from './suite';
