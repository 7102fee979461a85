import { TRANSCRIPT_LIMITS } from '../domain/limits';
import type { Transcript, TranscriptEntry } from '../domain/transcript';
import { arrayField, field, recordField, stringField } from './activity';
import { boundTranscript } from './bounds';
import { entryContent, type SenderIds, type UntimedEntry } from './entry';
import { type CardInputLabels, collectCardInputs } from './submission';

export interface NormalizeTranscriptOptions extends SenderIds {
  /**
   * Clock for activities when none of them carries a usable timestamp. Defaults to the
   * current time; pass a fixed clock for deterministic output.
   */
  now?: () => Date;
  /** At most this many entries (1–500, default 500). */
  maxEntries?: number;
  /** At most this many bytes of UTF-8 JSON for the whole transcript (1 KiB–256 KiB). */
  maxBytes?: number;
  /** Longer texts and card summaries are cut (32–8000 characters, default 8000). */
  maxTextLength?: number;
  /** Adaptive Card JSON larger than this is not kept in `content` (default 16 KiB). */
  maxCardContentBytes?: number;
}

/** Default ceiling for one Adaptive Card's JSON kept in `CardSummary.content`. */
export const DEFAULT_MAX_CARD_CONTENT_BYTES = 16 * 1024;

/** Prefix of entry ids made up for activities without a usable id: `baton-<input index>`. */
export const GENERATED_ENTRY_ID_PREFIX = 'baton-';

/** Timestamps outside these years cannot be written as a 4-digit ISO year. */
const MIN_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const MAX_ID_LENGTH = 256;

interface Candidate {
  index: number;
  id: string | undefined;
  time: number | undefined;
  content: UntimedEntry;
}

/**
 * Turns Bot Framework activities (from Direct Line, or the `Transcript` attachment of a
 * `handoff.initiate` event) into a bounded, schema-valid {@link Transcript}. Never throws:
 * junk input yields fewer entries, not an error.
 *
 * - Content and senders: see {@link entryContent} and `senderOf`.
 * - De-duplication: activities sharing an `id` (or a `channelData.clientActivityID`) are one
 *   activity; the first kept occurrence wins (the Direct Line echo of the patient's own
 *   message repeats the id).
 * - Order: by `timestamp`, then by input position. An activity without a usable timestamp
 *   (ISO 8601 with an offset, or a valid `Date`) takes that of the nearest earlier kept
 *   activity, else the nearest later one, else `now()`.
 * - Ids: the activity id (also listed in `sourceActivityIds`); activities without one, or with
 *   one over 256 characters, get `baton-<input index>`.
 * - Bounds: see {@link boundTranscript}; texts are cut at `maxTextLength` with a marker.
 */
export function normalizeTranscript(
  activities: readonly unknown[],
  options: NormalizeTranscriptOptions = {},
): Transcript {
  const limits = {
    maxEntries: bounded(options.maxEntries, 1, TRANSCRIPT_LIMITS.maxEntries),
    maxBytes: bounded(options.maxBytes, 1024, TRANSCRIPT_LIMITS.maxBytes),
    maxTextLength: bounded(options.maxTextLength, 32, TRANSCRIPT_LIMITS.maxTextLength),
    maxCardContentBytes: bounded(
      options.maxCardContentBytes ?? DEFAULT_MAX_CARD_CONTENT_BYTES,
      0,
      TRANSCRIPT_LIMITS.maxBytes,
    ),
  };
  const ids: SenderIds = { patientUserId: options.patientUserId, botId: options.botId };
  const list: readonly unknown[] = Array.isArray(activities) ? activities : [];
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const inputs: CardInputLabels = new Map();
  for (let index = 0; index < list.length; index++) {
    try {
      const activity = list[index];
      const keys = identityKeys(activity);
      if (keys.some((key) => seen.has(key))) {
        // A repeat: its other keys name the same activity too (echo carries id + client id).
        for (const key of keys) seen.add(key);
        continue;
      }
      const content = entryContent(activity, ids, limits, inputs);
      if (!content) continue;
      if (content.from !== 'patient') rememberInputs(activity, inputs);
      for (const key of keys) seen.add(key);
      const id = stringField(activity, 'id');
      candidates.push({ index, id, time: timeOf(field(activity, 'timestamp')), content });
    } catch {
      // A hostile activity (throwing getter, proxy) is skipped, never propagated.
    }
  }
  return boundTranscript(timedEntries(candidates, options.now), limits);
}

function timedEntries(candidates: Candidate[], now: (() => Date) | undefined): TranscriptEntry[] {
  fillMissingTimes(candidates, now);
  const ordered = [...candidates].sort(
    (a, b) => (a.time ?? 0) - (b.time ?? 0) || a.index - b.index,
  );
  return ordered.map(({ index, id, time, content }) => {
    const usableId = id !== undefined && id !== '' && id.length <= MAX_ID_LENGTH;
    const { from, ...rest } = content;
    const entry: TranscriptEntry = {
      id: usableId ? id : `${GENERATED_ENTRY_ID_PREFIX}${index}`,
      from,
      at: new Date(time ?? 0).toISOString(),
      ...rest,
    };
    if (usableId) entry.sourceActivityIds = [id];
    return entry;
  });
}

function fillMissingTimes(candidates: Candidate[], now: (() => Date) | undefined): void {
  let previous: number | undefined;
  const pending: Candidate[] = [];
  for (const candidate of candidates) {
    if (candidate.time === undefined) {
      if (previous === undefined) pending.push(candidate);
      else candidate.time = previous;
    } else {
      previous = candidate.time;
      for (const waiting of pending.splice(0)) waiting.time = candidate.time;
    }
  }
  if (pending.length > 0) {
    const fallback = clockTime(now);
    for (const waiting of pending) waiting.time = fallback;
  }
}

function clockTime(now: (() => Date) | undefined): number {
  try {
    return timeOf(now ? now() : new Date()) ?? 0;
  } catch {
    return 0;
  }
}

/** Milliseconds of an ISO 8601 instant with an offset, or of a valid `Date`. */
function timeOf(value: unknown): number | undefined {
  let time: number | undefined;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string' && ISO_INSTANT.test(value)) time = Date.parse(value);
  return time !== undefined && time >= MIN_TIME && time <= MAX_TIME ? time : undefined;
}

/** The inputs of the Adaptive Cards an activity carries, for reading later submissions. */
function rememberInputs(activity: unknown, inputs: CardInputLabels): void {
  for (const attachment of arrayField(activity, 'attachments').slice(0, 20)) {
    if (stringField(attachment, 'contentType') === 'application/vnd.microsoft.card.adaptive') {
      collectCardInputs(field(attachment, 'content'), inputs);
    }
  }
}

/** The keys under which an activity counts as already seen. */
function identityKeys(activity: unknown): string[] {
  const keys: string[] = [];
  const id = stringField(activity, 'id');
  if (id) keys.push(`id:${id}`);
  const clientId = stringField(recordField(activity, 'channelData'), 'clientActivityID');
  if (clientId) keys.push(`client:${clientId}`);
  return keys;
}

function bounded(value: number | undefined, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return max;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
