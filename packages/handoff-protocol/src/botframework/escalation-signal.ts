import type { EscalationReason } from '../domain/escalation';
import { field, isRecord, parseJson, recordField, stringField } from '../transcript/activity';
import { clip } from '../transcript/text';
import { HANDOFF_EVENT_NAMES } from './event-names';

export interface EscalationSignalOptions {
  /** More event names that mean "this bot wants a human" (Health Bot scenario events). */
  eventNames?: readonly string[];
  /** `channelData` keys that mean the same when set (not `false`, `0`, `''`, `'false'`, null). */
  channelDataMarkers?: readonly string[];
  /** Read Omnichannel-style `channelData.tags` (default `true`). */
  omnichannelTags?: boolean;
}

/** `detail` values of the reasons {@link detectEscalationSignal} returns. */
export const ESCALATION_SIGNAL_DETAILS = {
  handoffInitiate: HANDOFF_EVENT_NAMES.initiate,
  omnichannelEscalateTag: 'omnichannel-escalate-tag',
  /** `event:<name>` for a configured event name. */
  eventPrefix: 'event:',
  /** `channelData:<key>` for a configured marker key. */
  channelDataPrefix: 'channelData:',
} as const;

/** Longer `tags` strings are not parsed. */
const MAX_TAGS_LENGTH = 64 * 1024;
const MAX_TAGS = 50;

/**
 * Recognises a bot's request for a human in one activity received from the bot, first
 * match wins:
 * 1. an `event` named `handoff.initiate` → detail `handoff.initiate`;
 * 2. an `event` whose name is in `eventNames` → `event:<name>`;
 * 3. `channelData.tags` holding `{ "type": "Escalate", ... }` → `omnichannel-escalate-tag`.
 *    Omnichannel's sample bot sends `tags` as a JSON string; an object, an array of objects
 *    or of JSON strings are read too. `EndConversation` and other types are not escalations;
 *    the type matches case-insensitively;
 * 4. a `channelData` key listed in `channelDataMarkers` → `channelData:<key>`.
 * Returns `{ kind: 'bot-initiated', detail }`, or `null`. Never throws. Feed it activities
 * from the bot only: a patient cannot escalate "as the bot" through it.
 */
export function detectEscalationSignal(
  activity: unknown,
  options: EscalationSignalOptions = {},
): EscalationReason | null {
  try {
    const detail = signalOf(activity, options);
    return detail === undefined ? null : { kind: 'bot-initiated', detail: clip(detail, 500) };
  } catch {
    // Only exotic objects (throwing getters, proxies) get here.
    return null;
  }
}

function signalOf(activity: unknown, options: EscalationSignalOptions): string | undefined {
  if (!isRecord(activity)) return undefined;
  if (field(activity, 'type') === 'event') {
    const name = stringField(activity, 'name');
    if (name === HANDOFF_EVENT_NAMES.initiate) return ESCALATION_SIGNAL_DETAILS.handoffInitiate;
    if (name !== undefined && options.eventNames?.includes(name)) {
      return `${ESCALATION_SIGNAL_DETAILS.eventPrefix}${name}`;
    }
  }
  const channelData = recordField(activity, 'channelData');
  if (channelData === undefined) return undefined;
  if (options.omnichannelTags !== false && hasEscalateTag(field(channelData, 'tags'), 0)) {
    return ESCALATION_SIGNAL_DETAILS.omnichannelEscalateTag;
  }
  const marker = options.channelDataMarkers?.find((key) => isSet(field(channelData, key)));
  return marker === undefined
    ? undefined
    : `${ESCALATION_SIGNAL_DETAILS.channelDataPrefix}${marker}`;
}

function hasEscalateTag(tags: unknown, depth: number): boolean {
  if (depth > 2) return false;
  if (typeof tags === 'string') {
    return tags.length <= MAX_TAGS_LENGTH && hasEscalateTag(parseJson(tags), depth + 1);
  }
  if (Array.isArray(tags)) {
    return tags.slice(0, MAX_TAGS).some((tag) => hasEscalateTag(tag, depth + 1));
  }
  return stringField(tags, 'type')?.toLowerCase() === 'escalate';
}

function isSet(value: unknown): boolean {
  return (
    value !== undefined &&
    value !== null &&
    value !== false &&
    value !== 0 &&
    value !== '' &&
    value !== 'false'
  );
}
