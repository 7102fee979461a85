import type { Transcript, TranscriptEntry, TranscriptTruncation } from '../domain/transcript';
import { jsonBytes } from './text';

export interface TranscriptBounds {
  maxEntries: number;
  maxBytes: number;
}

/**
 * Keeps the newest entries that fit both bounds; the oldest go first.
 * - `maxEntries`: at most that many entries.
 * - `maxBytes`: `JSON.stringify(transcript)` (truncation marker included) is at most that
 *   many bytes of UTF-8.
 * `truncated` is present exactly when entries were left out: `omittedEntries` counts them
 * all, `reason` names the bound that cut last (`bytes` if the byte bound dropped any).
 * `entries` must already be in transcript order (oldest first).
 */
export function boundTranscript(
  entries: readonly TranscriptEntry[],
  bounds: TranscriptBounds,
): Transcript {
  let omitted = Math.max(0, entries.length - bounds.maxEntries);
  let reason: TranscriptTruncation['reason'] = 'entries';
  const kept = entries.slice(omitted);
  const sizes = kept.map((entry) => jsonBytes(entry));
  let entryBytes = sizes.reduce((sum, size) => sum + size, 0);
  let first = 0;
  while (first < kept.length) {
    const count = kept.length - first;
    const total = envelopeBytes(omitted, reason) + entryBytes + (count - 1);
    if (total <= bounds.maxBytes) break;
    entryBytes -= sizes[first] ?? 0;
    first += 1;
    omitted += 1;
    reason = 'bytes';
  }
  const transcript: Transcript = { entries: first === 0 ? kept : kept.slice(first) };
  if (omitted > 0) transcript.truncated = { omittedEntries: omitted, reason };
  return transcript;
}

/** Bytes of the transcript around its entries: `{"entries":[]}` plus the marker if any. */
function envelopeBytes(omitted: number, reason: TranscriptTruncation['reason']): number {
  const shell: Transcript = { entries: [] };
  if (omitted > 0) shell.truncated = { omittedEntries: omitted, reason };
  return jsonBytes(shell);
}
