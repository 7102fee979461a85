import type { ServerEnv } from '../../ops/config';
import { type ChatActionsConfig, checkCallUrlTemplate, parseDispositions } from './config';

/** The chat actions `baton-server` offers, from its environment (checked at start). */
export function chatActionsFromEnv(config: ServerEnv): ChatActionsConfig {
  return {
    ...(config.BATON_CALL_URL_TEMPLATE
      ? { callUrlTemplate: checkCallUrlTemplate(config.BATON_CALL_URL_TEMPLATE) }
      : {}),
    callProvider: config.BATON_CALL_PROVIDER,
    callTtlMs: config.BATON_CALL_TTL_MINUTES * 60_000,
    appointments: config.BATON_APPOINTMENT_OFFERS,
    slotWindowMs: config.BATON_SLOT_WINDOW_DAYS * 24 * 60 * 60_000,
    dispositions: parseDispositions(config.BATON_DISPOSITIONS),
  };
}
