import * as z from 'zod';

/** Version of the wire protocol carried in every envelope (`v`). */
export const PROTOCOL_VERSION = 1 as const;

/** Opaque identifiers: printable, bounded, never PHI by contract. */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** ISO 8601 instant with an offset, e.g. `2026-11-25T18:00:00.000Z`. */
export const Timestamp = z.iso.datetime({ offset: true });

/** BCP 47 language tag, e.g. `en`, `fr-CA`, `es-419`. */
export const Locale = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag');

export const Priority = z.enum(['routine', 'urgent', 'emergency']);
export type Priority = z.infer<typeof Priority>;

/** Who wrote a transcript entry or a live message. */
export const Party = z.enum(['patient', 'bot', 'agent', 'system']);
export type Party = z.infer<typeof Party>;
