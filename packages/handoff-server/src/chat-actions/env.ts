import type { ServerEnv } from '../ops/config';
import { type ChatActionsConfig, parseDispositions } from './config';

/** The chat actions `baton-server` offers, from its environment (checked at start). */
export function chatActionsFromEnv(config: ServerEnv): ChatActionsConfig {
  return {
    appointments: config.BATON_APPOINTMENT_OFFERS,
    slotWindowMs: config.BATON_SLOT_WINDOW_DAYS * 24 * 60 * 60_000,
    dispositions: parseDispositions(config.BATON_DISPOSITIONS),
  };
}
