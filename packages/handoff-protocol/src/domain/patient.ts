import * as z from 'zod';
import { Id, Locale } from './primitives';

/**
 * One piece of patient context. `displayable: false` attributes travel to the adapter
 * (routing, CRM lookups) but are never shown in the agent console; `clinical: true`
 * attributes are shown only to agents holding the `clinical` flag.
 */
export const PatientAttribute = z.object({
  key: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must start with a letter; letters, digits, _ . -'),
  label: z.string().max(120).optional(),
  value: z.string().max(2000),
  displayable: z.boolean(),
  clinical: z.boolean(),
});
export type PatientAttribute = z.infer<typeof PatientAttribute>;

export const PatientContext = z.object({
  /** Opaque patient id issued by the portal; never an MRN or a name. */
  patientId: Id,
  displayName: z.string().min(1).max(200),
  locale: Locale,
  attributes: z.array(PatientAttribute).max(64).optional(),
});
export type PatientContext = z.infer<typeof PatientContext>;
