import { BatonWidgetError } from '../errors';
import type { CreateHandoffClient } from './index';

/**
 * Placeholder until the handoff client lands: every start fails with `handoff_unavailable`,
 * which the widget reports through its `error` event.
 */
export const createHandoffClient: CreateHandoffClient = () => ({
  start: () => Promise.reject(new BatonWidgetError('handoff_unavailable')),
  close: () => {},
});
