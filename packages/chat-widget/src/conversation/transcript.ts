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

export function plainTranscript(
  activities: readonly Activity[],
  patientUserId: string | undefined,
): Transcript {
  const entries: TranscriptEntry[] = [];
  activities.forEach((activity, index) => {
    if (activity.type !== 'message' || typeof activity.text !== 'string') return;
    const at =
      activity.timestamp && !Number.isNaN(Date.parse(activity.timestamp))
        ? activity.timestamp
        : new Date().toISOString();
    entries.push({
      id: activity.id ?? `baton-${index}`,
      from: activity.from?.id === patientUserId ? 'patient' : 'bot',
      at: new Date(at).toISOString(),
      text: activity.text.slice(0, 8000),
    });
  });
  const kept = entries.slice(-500);
  return kept.length < entries.length
    ? {
        entries: kept,
        truncated: { omittedEntries: entries.length - kept.length, reason: 'entries' },
      }
    : { entries: kept };
}
