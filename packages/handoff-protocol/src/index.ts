export * from './domain/escalation';
export * from './domain/patient';
export * from './domain/primitives';
export * from './domain/transcript';
