import * as z from 'zod/mini';

/** Version of the wire protocol carried in every envelope (`v`). */
export const PROTOCOL_VERSION = 1 as const;

/** Opaque identifiers: printable, bounded, never PHI by contract. */
export const Id = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(128),
    z.regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  );
export type Id = z.infer<typeof Id>;

/** ISO 8601 instant with an offset, e.g. `2026-11-25T18:00:00.000Z`. */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;

/** BCP 47 language tag, e.g. `en`, `fr-CA`, `es-419`. */
export const Locale = z
  .string()
  .check(
    z.minLength(2),
    z.maxLength(35),
    z.regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag'),
  );
export type Locale = z.infer<typeof Locale>;

export const Priority = z.enum(['routine', 'urgent', 'emergency']);
export type Priority = z.infer<typeof Priority>;

/** Who wrote a transcript entry or a live message. */
export const Party = z.enum(['patient', 'bot', 'agent', 'system']);
export type Party = z.infer<typeof Party>;

/** Per-conversation sequence number assigned by the server: strictly increasing, may skip. */
export const Seq = z.int().check(z.gte(0));
export type Seq = z.infer<typeof Seq>;

/** Bounds on live chat messages. */
export const MESSAGE_LIMITS = {
  maxTextLength: 4000,
  maxNoteLength: 4000,
} as const;

/** A live chat message body: non-empty, bounded. */
export const MessageText = z
  .string()
  .check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxTextLength));

export const TextFormat = z.enum(['plain', 'markdown']);
export type TextFormat = z.infer<typeof TextFormat>;

/** Bounded display text (names, titles, labels). */
export function displayText(max: number) {
  return z.string().check(z.minLength(1), z.maxLength(max));
}
