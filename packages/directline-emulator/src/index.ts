export type { Activity, Attachment, ChannelAccount } from './activity.js';
export type { EmulatorEvent } from './context.js';
export { type DirectLineEmulator, startDirectLineEmulator } from './emulator.js';
export { DirectLineEmulatorError, type DirectLineErrorCode, errorStatus } from './errors.js';
export type { FaultInjector, FaultOptions, FaultRoute, FaultStatus } from './faults.js';
export type { DirectLineEmulatorOptions, EscalationSignal } from './options.js';
export {
  defaultScenarioDir,
  loadScenarios,
  parseScenario,
  scenarioJsonSchema,
} from './simulator/load.js';
export type {
  Expectation,
  Locale,
  LocalizedText,
  Reply,
  Scenario,
  ScenarioInput,
  Step,
} from './simulator/schema.js';
