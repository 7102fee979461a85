import * as z from 'zod/mini';

const Phrase = z.string().check(z.minLength(1), z.maxLength(100));
/** Phrase lists keyed by base language (`en`, `fr`, `es`…). */
const PhraseLists = z.record(
  z.string().check(z.regex(/^[a-z]{2,3}$/)),
  z.array(Phrase).check(z.maxLength(200)),
);
const Counter = (min: number) => z.int().check(z.gte(min), z.lte(10));

/**
 * What the widget's escalation detectors use, as an administrator sets them on the server
 * (`GET /api/escalation-settings`, public, fetched by the widget at start). Every part is
 * optional: what is absent keeps the widget's built-in lists; a host's own `escalation`
 * options win over both.
 */
export const EscalationSettings = z.object({
  patientRequest: z.optional(
    z.object({ phrases: z.optional(PhraseLists), confirm: z.optional(z.boolean()) }),
  ),
  redFlags: z.optional(
    z.object({
      phrases: z.optional(PhraseLists),
      /** Emergency number by locale (`en-GB`, `fr`, `default`…). */
      emergencyNumbers: z.optional(
        z.record(
          z.string().check(z.regex(/^([a-z]{2,3}(-[A-Za-z]{2})?|default)$/)),
          z.string().check(z.regex(/^[0-9+ ]{2,16}$/)),
        ),
      ),
    }),
  ),
  botFailure: z.optional(
    z.object({
      fallbackPhrases: z.optional(PhraseLists),
      consecutiveFallbacks: z.optional(Counter(1)),
      repeatedQuestions: z.optional(Counter(2)),
    }),
  ),
});
export type EscalationSettings = z.infer<typeof EscalationSettings>;
