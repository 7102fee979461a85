import type { ConversationState } from '../domain/conversation';
import type { BotConversationAccount } from '../transcript/activity';
import { HANDOFF_EVENT_NAMES } from './event-names';

/** The states Bot Framework's `handoff.status` event carries. */
export type HandoffStatusState = 'accepted' | 'failed' | 'completed';

/** A `handoff.status` event, in wire form (JSON-ready: `timestamp` is an ISO string). */
export interface HandoffStatusActivity {
  type: 'event';
  name: typeof HANDOFF_EVENT_NAMES.status;
  value: { state: HandoffStatusState; message?: string };
  id: string;
  timestamp: string;
  localTimezone?: string;
  conversation: BotConversationAccount;
  attachments: [];
  entities: [];
}

export interface HandoffStatusOptions {
  /** The bot conversation being handed over (`activity.conversation`). */
  conversation: BotConversationAccount;
  /** Extra text, e.g. why a handoff failed. Bot-facing; keep PHI out of it. */
  message?: string;
  /** Activity id; default a random UUID. */
  id?: string;
  /** Clock for `timestamp`; default the current time. */
  now?: () => Date;
  /** IANA time zone; default the runtime's (botbuilder sends `dayjs.tz.guess()`). */
  localTimezone?: string;
}

/**
 * Builds the `handoff.status` event botbuilder's
 * `EventFactory.createHandoffStatus(conversation, state, message)` builds:
 * `{ type: 'event', name: 'handoff.status', value: { state, message }, id, timestamp,
 * localTimezone, conversation, attachments: [], entities: [] }`. `message` is left out when
 * not given (botbuilder sets it to `undefined`, which JSON drops too).
 */
export function createHandoffStatus(
  state: HandoffStatusState,
  options: HandoffStatusOptions,
): HandoffStatusActivity {
  const activity: HandoffStatusActivity = {
    type: 'event',
    name: HANDOFF_EVENT_NAMES.status,
    value: options.message === undefined ? { state } : { state, message: options.message },
    id: options.id ?? randomId(),
    timestamp: (options.now?.() ?? new Date()).toISOString(),
    conversation: options.conversation,
    attachments: [],
    entities: [],
  };
  const localTimezone = options.localTimezone ?? runtimeTimeZone();
  if (localTimezone !== undefined) activity.localTimezone = localTimezone;
  return activity;
}

/**
 * Which `handoff.status` (if any) tells the bot about a Baton conversation state:
 * `assigned` → accepted; `failed`, `expired` → failed; `ended`, `returned_to_bot` →
 * completed; `bot`, `handoff_requested`, `queued`, `abandoned` → none (`null`).
 */
export function handoffStatusForConversationState(
  state: ConversationState,
): HandoffStatusState | null {
  switch (state) {
    case 'assigned':
      return 'accepted';
    case 'failed':
    case 'expired':
      return 'failed';
    case 'ended':
    case 'returned_to_bot':
      return 'completed';
    case 'bot':
    case 'handoff_requested':
    case 'queued':
    case 'abandoned':
      return null;
    default:
      return unreachable(state);
  }
}

function unreachable(state: never): null {
  void state;
  return null;
}

function runtimeTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** A v4 UUID from the platform's CSPRNG (`randomUUID` needs a secure context in browsers). */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
