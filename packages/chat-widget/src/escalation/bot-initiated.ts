import type { Priority } from '@baton/handoff-protocol';
import { type Activity, isRecord } from '../directline/activity';
import type { EscalationDetector, EscalationSignal } from './types';

export interface BotInitiatedOptions {
  /** Event names that mean "hand off" (default: Bot Framework `handoff.initiate` and `baton.escalate`). */
  eventNames?: readonly string[];
  /** `channelData` keys whose truthy value means "hand off" (Health Bot scenario metadata). */
  channelDataMarkers?: readonly string[];
  /** Understand Omnichannel `channelData.tags` `{ "type": "Escalate" }` (default true). */
  omnichannelTags?: boolean;
}

const PRIORITIES: readonly Priority[] = ['routine', 'urgent', 'emergency'];

/** Other vocabularies bots use (Omnichannel, the emulator's scenarios). */
const PRIORITY_ALIASES: Readonly<Record<string, Priority>> = {
  low: 'routine',
  normal: 'routine',
  high: 'urgent',
  critical: 'emergency',
};

function priorityFrom(...sources: unknown[]): Priority {
  for (const source of sources) {
    const raw = isRecord(source) ? source.priority : undefined;
    const value = typeof raw === 'string' ? raw.toLowerCase() : '';
    if ((PRIORITIES as readonly string[]).includes(value)) return value as Priority;
    const alias = PRIORITY_ALIASES[value];
    if (alias) return alias;
  }
  return 'routine';
}

function parseTags(tags: unknown): unknown[] {
  if (typeof tags === 'string') {
    try {
      return parseTags(JSON.parse(tags));
    } catch {
      return tags.split(',').map((tag) => tag.trim());
    }
  }
  return Array.isArray(tags) ? tags : [tags];
}

function hasEscalateTag(channelData: Record<string, unknown>): boolean {
  return parseTags(channelData.tags).some((tag) =>
    isRecord(tag)
      ? typeof tag.type === 'string' && tag.type.toLowerCase() === 'escalate'
      : typeof tag === 'string' && tag.toLowerCase() === 'escalate',
  );
}

/**
 * The bot asks for a person: `handoff.initiate`, an Omnichannel Escalate tag, or a marker.
 * An event whose handoff context has `reason` `patient-request` (or `patient-requested`) is
 * the patient's own request, relayed by the bot: reason `patient-requested`.
 */
export function botInitiatedDetector(options: BotInitiatedOptions = {}): EscalationDetector {
  const eventNames = options.eventNames ?? ['handoff.initiate', 'baton.escalate'];
  const markers = options.channelDataMarkers ?? [];
  const tags = options.omnichannelTags ?? true;
  return {
    name: 'bot-initiated',
    inspect({ direction, activity }): EscalationSignal | null {
      if (direction !== 'incoming') return null;
      const channelData = isRecord(activity.channelData) ? activity.channelData : {};
      const value = (activity as Activity).value;
      if (activity.type === 'event' && activity.name && eventNames.includes(activity.name)) {
        return {
          reason: {
            // The bot hands over because the patient asked it for a person (its context says so).
            kind:
              isRecord(value) && /^patient-request/.test(String(value.reason))
                ? 'patient-requested'
                : 'bot-initiated',
            detail: activity.name.slice(0, 500),
          },
          priority: priorityFrom(value, channelData),
        };
      }
      if (tags && channelData.tags !== undefined && hasEscalateTag(channelData)) {
        return {
          reason: { kind: 'bot-initiated', detail: 'omnichannel-escalate-tag' },
          priority: priorityFrom(channelData, value),
        };
      }
      const marker = markers.find((key) => Boolean(channelData[key]));
      if (marker) {
        return {
          reason: { kind: 'bot-initiated', detail: `channelData.${marker}`.slice(0, 500) },
          priority: priorityFrom(channelData[marker], channelData),
        };
      }
      return null;
    },
  };
}
