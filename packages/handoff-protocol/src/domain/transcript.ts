import * as z from 'zod/mini';
import { TRANSCRIPT_LIMITS } from './limits';
import { Party, Timestamp } from './primitives';

export { TRANSCRIPT_LIMITS };

function bounded(max: number) {
  return z.string().check(z.maxLength(max));
}

export const SuggestedAction = z.object({
  title: bounded(500),
  value: z.optional(bounded(2000)),
});
export type SuggestedAction = z.infer<typeof SuggestedAction>;

/**
 * A card reduced to readable text. `content` keeps the original card JSON (e.g. an
 * Adaptive Card) so a console can re-render it faithfully; readers that cannot render it
 * show `summary`.
 */
export const CardSummary = z.object({
  kind: z.enum(['hero', 'thumbnail', 'adaptive', 'other']),
  contentType: bounded(200),
  title: z.optional(bounded(500)),
  subtitle: z.optional(bounded(500)),
  summary: bounded(TRANSCRIPT_LIMITS.maxTextLength),
  buttons: z.optional(z.array(SuggestedAction).check(z.maxLength(50))),
  content: z.optional(z.unknown()),
});
export type CardSummary = z.infer<typeof CardSummary>;

/** A file or image, by name and type only: URLs are not kept (they may carry tokens). */
export const AttachmentSummary = z.object({
  name: z.optional(bounded(500)),
  contentType: bounded(200),
});
export type AttachmentSummary = z.infer<typeof AttachmentSummary>;

export const TranscriptEntry = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(256)),
  from: Party,
  at: Timestamp,
  text: z.optional(bounded(TRANSCRIPT_LIMITS.maxTextLength)),
  textFormat: z.optional(z.enum(['plain', 'markdown'])),
  cards: z.optional(z.array(CardSummary).check(z.maxLength(20))),
  attachments: z.optional(z.array(AttachmentSummary).check(z.maxLength(20))),
  suggestedActions: z.optional(z.array(SuggestedAction).check(z.maxLength(50))),
  /** Bot Framework activity ids this entry came from (de-duplication, audit). */
  sourceActivityIds: z.optional(z.array(bounded(256)).check(z.maxLength(10))),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

export const TranscriptTruncation = z.object({
  /** Entries left out (the oldest go first). */
  omittedEntries: z.int().check(z.gte(0)),
  reason: z.enum(['entries', 'bytes']),
});
export type TranscriptTruncation = z.infer<typeof TranscriptTruncation>;

export const Transcript = z.object({
  entries: z.array(TranscriptEntry).check(z.maxLength(TRANSCRIPT_LIMITS.maxEntries)),
  /** Present only when something was left out: an explicit marker, never silent loss. */
  truncated: z.optional(TranscriptTruncation),
});
export type Transcript = z.infer<typeof Transcript>;
