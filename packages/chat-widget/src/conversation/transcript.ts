import type { Transcript, TranscriptEntry } from '@baton/handoff-protocol';
import type { Activity } from '../directline/activity';

/**
 * The transcript handed to `onEscalate`, built only when a handoff happens. It uses the
 * protocol's `normalizeTranscript` (loaded with the escalation chunk, so it never weighs on
 * the chat bundle) and falls back to a plain text-only transcript if that chunk cannot load.
 */
export async function buildTranscript(
  activities: readonly Activity[],
  patientUserId: string | undefined,
): Promise<Transcript> {
  try {
    // A static re-export behind the dynamic import lets the bundler keep only the normaliser.
    const { normalizeTranscript } = await import('./normalize');
    return normalizeTranscript(activities, patientUserId ? { patientUserId } : {});
  } catch {
    // the chunk failed to load (network): hand off with the plain transcript rather than none
  }
  return plainTranscript(activities, patientUserId);
}

/**
 * Text entries only, newest first kept: at most 500 entries and about 200,000 characters of
 * JSON-encoded text (within 1 MiB frames whatever the characters), ids the protocol accepts; what is left out
 * is counted in `truncated`.
 */
export function plainTranscript(
  activities: readonly Activity[],
  patientUserId: string | undefined,
): Transcript {
  const entries: TranscriptEntry[] = [];
  let room = 200_000;
  let omitted = 0;
  for (let index = activities.length - 1; index >= 0; index--) {
    const activity = activities[index] as Activity;
    if (activity.type !== 'message' || typeof activity.text !== 'string') continue;
    const text = activity.text.slice(0, 8000);
    room -= JSON.stringify(text).length; // escapes count: control characters take 6
    if (room < 0 || entries.length === 500) {
      omitted++;
      continue;
    }
    const at = Date.parse(activity.timestamp ?? '');
    const id = activity.id;
    entries.unshift({
      id: id && id.length <= 256 ? id : `baton-${index}`,
      from: activity.from?.id === patientUserId ? 'patient' : 'bot',
      at: new Date(Number.isNaN(at) ? Date.now() : at).toISOString(),
      text,
    });
  }
  return omitted
    ? { entries, truncated: { omittedEntries: omitted, reason: room < 0 ? 'bytes' : 'entries' } }
    : { entries };
}
