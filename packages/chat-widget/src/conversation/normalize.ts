/** Split out so the escalation chunk carries only the normaliser, not the whole protocol. */
export { normalizeTranscript, textOnlyTranscript } from '@baton/handoff-protocol';
