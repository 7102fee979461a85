import * as z from 'zod';
import { Party, Timestamp } from './primitives';

/** Hard bounds; normalisation truncates to these and says so. */
export const TRANSCRIPT_LIMITS = {
  maxEntries: 500,
  maxBytes: 256 * 1024,
  maxTextLength: 8000,
} as const;

export const SuggestedAction = z.object({
  title: z.string().max(500),
  value: z.string().max(2000).optional(),
});
export type SuggestedAction = z.infer<typeof SuggestedAction>;

/**
 * A card reduced to readable text. `content` keeps the original card JSON (e.g. an
 * Adaptive Card) so a console can re-render it faithfully; readers that cannot render it
 * show `summary`.
 */
export const CardSummary = z.object({
  kind: z.enum(['hero', 'thumbnail', 'adaptive', 'other']),
  contentType: z.string().max(200),
  title: z.string().max(500).optional(),
  subtitle: z.string().max(500).optional(),
  summary: z.string().max(TRANSCRIPT_LIMITS.maxTextLength),
  buttons: z.array(SuggestedAction).max(50).optional(),
  content: z.unknown().optional(),
});
export type CardSummary = z.infer<typeof CardSummary>;

/** A file or image, by name and type only: URLs are not kept (they may carry tokens). */
export const AttachmentSummary = z.object({
  name: z.string().max(500).optional(),
  contentType: z.string().max(200),
});
export type AttachmentSummary = z.infer<typeof AttachmentSummary>;

export const TranscriptEntry = z.object({
  id: z.string().min(1).max(256),
  from: Party,
  at: Timestamp,
  text: z.string().max(TRANSCRIPT_LIMITS.maxTextLength).optional(),
  textFormat: z.enum(['plain', 'markdown']).optional(),
  cards: z.array(CardSummary).max(20).optional(),
  attachments: z.array(AttachmentSummary).max(20).optional(),
  suggestedActions: z.array(SuggestedAction).max(50).optional(),
  /** Bot Framework activity ids this entry came from (de-duplication, audit). */
  sourceActivityIds: z.array(z.string().max(256)).max(10).optional(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

export const TranscriptTruncation = z.object({
  /** Entries left out (the oldest go first). */
  omittedEntries: z.number().int().nonnegative(),
  reason: z.enum(['entries', 'bytes']),
});
export type TranscriptTruncation = z.infer<typeof TranscriptTruncation>;

export const Transcript = z.object({
  entries: z.array(TranscriptEntry).max(TRANSCRIPT_LIMITS.maxEntries),
  /** Present only when something was left out: an explicit marker, never silent loss. */
  truncated: TranscriptTruncation.optional(),
});
export type Transcript = z.infer<typeof Transcript>;
