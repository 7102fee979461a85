import * as z from 'zod/mini';

/** What a patient may do when no human can take the conversation. */
export const FallbackOption = z.enum(['leave-message', 'callback', 'appointment']);
export type FallbackOption = z.infer<typeof FallbackOption>;

/** Why the handoff did not reach a human. */
export const HandoffFailureReason = z.enum([
  'no-agents',
  'out-of-hours',
  'queue-full',
  'adapter-failed',
  'expired',
]);
export type HandoffFailureReason = z.infer<typeof HandoffFailureReason>;

/** A patient's pick among the offered fallbacks, with what that pick needs. */
export const FallbackChoice = z.discriminatedUnion('option', [
  z.object({
    option: z.literal('leave-message'),
    text: z.string().check(z.minLength(1), z.maxLength(4000)),
  }),
  z.object({
    option: z.literal('callback'),
    /** E.164, e.g. `+33612345678`. */
    phone: z.string().check(z.regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 phone number')),
    preferredTime: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
  z.object({ option: z.literal('appointment') }),
]);
export type FallbackChoice = z.infer<typeof FallbackChoice>;
