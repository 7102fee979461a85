import type { Activity } from '../directline/activity';

/**
 * The bot's first turn, taken by the portal's session endpoint: it posts Health Bot's
 * `InitConversation` invoke (as the patient, with the conversation's token) right after
 * starting the conversation and returns the bot's answer with the session. The widget then
 * shows the greeting as soon as it runs, instead of posting the invoke and waiting for the
 * answer on the stream after its own download: on a slow network, that wait is most of the
 * time to the first message.
 */
export interface TriggeredScenarioRequest {
  trigger: string;
  args?: Record<string, ScenarioArg>;
}

type ScenarioArg = string | number | boolean;
const isArg = (value: unknown): value is ScenarioArg =>
  (typeof value === 'string' && value.length <= 1000) ||
  typeof value === 'number' ||
  typeof value === 'boolean';

/** What the widget asks for: "send `InitConversation` for me", with its scenario if any. */
export interface FirstTurnRequest {
  triggeredScenario?: TriggeredScenarioRequest;
}

export interface FirstTurn {
  /** The bot's activities so far (invokes left out), in order. */
  activities: Activity[];
  watermark?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request's `init`, validated: undefined when absent, null when malformed. */
export function readFirstTurnRequest(value: unknown): FirstTurnRequest | null | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return null;
  const scenario = value.triggeredScenario;
  if (scenario === undefined) return {};
  if (!isRecord(scenario) || typeof scenario.trigger !== 'string') return null;
  if (scenario.trigger.length === 0 || scenario.trigger.length > 200) return null;
  const args = scenario.args;
  if (args === undefined) return { triggeredScenario: { trigger: scenario.trigger } };
  if (!isRecord(args)) return null;
  const entries = Object.entries(args);
  const valid = entries.length <= 50 && entries.every(([key, v]) => key.length <= 100 && isArg(v));
  if (!valid) return null;
  return {
    triggeredScenario: {
      trigger: scenario.trigger,
      args: Object.fromEntries(entries) as Record<string, ScenarioArg>,
    },
  };
}

export interface FirstTurnCall {
  fetch: typeof fetch;
  /** Direct Line base, without a trailing slash. */
  domain: string;
  conversationId: string;
  token: string;
  userId: string;
  locale: string;
  patientToken: string;
  request: FirstTurnRequest;
  timeoutMs: number;
}

/**
 * Posts `InitConversation` and reads what the bot answered. Null when the invoke could not
 * be posted (the widget then posts it itself); empty activities when it was posted but the
 * answer could not be read (the stream brings it).
 */
export async function takeFirstTurn(call: FirstTurnCall): Promise<FirstTurn | null> {
  const url = `${call.domain}/conversations/${encodeURIComponent(call.conversationId)}/activities`;
  const headers = { authorization: `Bearer ${call.token}`, 'content-type': 'application/json' };
  const signal = AbortSignal.timeout(call.timeoutMs);
  const invoke = {
    type: 'invoke',
    name: 'InitConversation',
    locale: call.locale,
    from: { id: call.userId, role: 'user' },
    value: {
      jsonWebToken: call.patientToken,
      ...(call.request.triggeredScenario
        ? {
            triggeredScenario: {
              trigger: call.request.triggeredScenario.trigger,
              args: call.request.triggeredScenario.args ?? {},
            },
          }
        : {}),
    },
  };
  try {
    const posted = await call.fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(invoke),
      signal,
    });
    if (!posted.ok) return null;
  } catch {
    return null;
  }
  try {
    const read = await call.fetch(url, { method: 'GET', headers, signal });
    if (!read.ok) return { activities: [] };
    const body = (await read.json()) as { activities?: unknown; watermark?: unknown };
    const activities = Array.isArray(body.activities)
      ? (body.activities as Activity[]).filter((a) => isRecord(a) && a.type !== 'invoke')
      : [];
    return {
      activities,
      ...(typeof body.watermark === 'string' ? { watermark: body.watermark } : {}),
    };
  } catch {
    return { activities: [] };
  }
}
