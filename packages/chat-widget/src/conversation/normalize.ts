/** Split out so the escalation chunk carries only the normaliser, not the whole protocol. */
export { normalizeTranscript, textOnlyRequest } from '@baton/handoff-protocol';
