import type { Activity } from '../directline/activity';
import type { DirectLineFactory } from '../directline/connection';
import type { DebugSink } from '../directline/debug-log';
import type { BatonWidgetError } from '../errors';
import type { EscalationDetector, EscalationSignal } from '../escalation/types';
import type { GeoPosition, GetSession, TriggeredScenario } from '../types';
import type { ChatState } from './state';

/** What the widget gives the bot conversation (`ChatController`). */
export interface ControllerOptions {
  getSession: GetSession;
  /** Absent: the real client, from its own chunk (`connect.ts`). */
  createDirectLine?: DirectLineFactory;
  locale: () => string;
  detectors: EscalationDetector[];
  storage: Storage | null;
  resumeTtlMs: number;
  triggeredScenario?: TriggeredScenario;
  shareLocation?: boolean | (() => Promise<GeoPosition | null>);
  directLine?: { webSocket?: boolean; pollingInterval?: number; timeout?: number };
  debug: DebugSink | null;
  context: () => Record<string, string>;
  now?: () => number;
  /** Runs before the session request (another tab's conversation may be adopted there). */
  beforeSession?: () => Promise<void>;
}

export interface ControllerEvents {
  state: ChatState;
  incoming: Activity;
  outgoing: Activity;
  escalate: EscalationSignal;
  error: BatonWidgetError;
}
