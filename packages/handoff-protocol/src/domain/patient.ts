import * as z from 'zod/mini';
import { Id, Locale } from './primitives';

/**
 * One piece of patient context. `displayable: false` attributes travel to the adapter
 * (routing, CRM lookups) but are never shown in the agent console; `clinical: true`
 * attributes are shown only to agents holding the `clinical` flag.
 */
export const PatientAttribute = z.object({
  key: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must start with a letter; letters, digits, _ . -'),
    ),
  label: z.optional(z.string().check(z.maxLength(120))),
  value: z.string().check(z.maxLength(2000)),
  displayable: z.boolean(),
  clinical: z.boolean(),
});
export type PatientAttribute = z.infer<typeof PatientAttribute>;

export const PatientContext = z.object({
  /** Opaque patient id issued by the portal; never an MRN or a name. */
  patientId: Id,
  displayName: z.string().check(z.minLength(1), z.maxLength(200)),
  locale: Locale,
  attributes: z.optional(z.array(PatientAttribute).check(z.maxLength(64))),
});
export type PatientContext = z.infer<typeof PatientContext>;

/**
 * What the browser said about the patient (a pre-chat form, the host page): shown to staff
 * apart from the verified context and labelled "stated by the patient"; never merged into it.
 */
export const StatedPatientContext = z.object({
  displayName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  attributes: z.optional(z.array(PatientAttribute).check(z.maxLength(64))),
  /** The language the patient picked in the chat, when it differs from the verified one. */
  locale: z.optional(Locale),
});
export type StatedPatientContext = z.infer<typeof StatedPatientContext>;
