import type { PatientAttribute } from '@baton/handoff-protocol';
import * as z from 'zod/mini';

/**
 * Which FHIR field becomes which attribute staff see. `path` is a dotted path into the
 * resource; a step may pick an array item by index (`name[0]`) or by a field's value
 * (`identifier[system=urn:oid:1.2.36.146.595.217.0.1].value`). `clinical` attributes reach
 * only staff with clinical clearance; `displayable: false` ones are kept from the console.
 */
export const FhirFieldMapping = z.object({
  key: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/)),
  label: z.optional(z.string().check(z.maxLength(120))),
  path: z.string().check(z.minLength(1), z.maxLength(300)),
  displayable: z.boolean(),
  clinical: z.boolean(),
});
export type FhirFieldMapping = z.infer<typeof FhirFieldMapping>;
export const FhirFieldMappings = z.array(FhirFieldMapping).check(z.maxLength(48));

/** What staff see by default: no identifiers, nothing clinical. */
export const DEFAULT_PATIENT_FIELDS: readonly FhirFieldMapping[] = [
  {
    key: 'birthDate',
    label: 'Date of birth',
    path: 'birthDate',
    displayable: true,
    clinical: false,
  },
  { key: 'gender', label: 'Gender', path: 'gender', displayable: true, clinical: false },
  {
    key: 'language',
    label: 'Language',
    path: 'communication.language',
    displayable: true,
    clinical: false,
  },
  {
    key: 'phone',
    label: 'Phone',
    path: 'telecom[system=phone].value',
    displayable: true,
    clinical: false,
  },
  {
    key: 'careTeam',
    label: 'Care team',
    path: 'generalPractitioner',
    displayable: true,
    clinical: false,
  },
];

const STEP = /^([A-Za-z][A-Za-z0-9_]*)(?:\[(?:(\d+)|([A-Za-z][A-Za-z0-9_]*)=([^\]]*))\])?$/;

/** Every value at `path` (arrays flattened), or `null` when the path is malformed. */
export function valuesAt(resource: unknown, path: string): unknown[] | null {
  let current: unknown[] = [resource];
  // Dots inside `[...]` (e.g. an OID system) belong to the step.
  for (const step of path.match(/(?:[^.[]+|\[[^\]]*\])+/g) ?? []) {
    const match = STEP.exec(step);
    if (!match) return null;
    const [, field, index, whereField, whereValue] = match;
    const next: unknown[] = [];
    for (const item of current) {
      if (typeof item !== 'object' || item === null) continue;
      const value = (item as Record<string, unknown>)[field!];
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      next.push(...list);
    }
    if (index !== undefined)
      current = next[Number(index)] === undefined ? [] : [next[Number(index)]];
    else if (whereField !== undefined)
      current = next.filter(
        (v) =>
          typeof v === 'object' &&
          v !== null &&
          String((v as Record<string, unknown>)[whereField]) === whereValue,
      );
    else current = next;
  }
  return current;
}

/** A FHIR datatype as the words a person reads (HumanName, CodeableConcept, Reference, …). */
export function readable(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.text === 'string' && v.text.trim()) return v.text.trim();
  if (typeof v.display === 'string' && v.display.trim()) return v.display.trim();
  if (Array.isArray(v.given) || typeof v.family === 'string')
    return (
      [...((v.given as unknown[]) ?? []), v.family]
        .filter((p) => typeof p === 'string')
        .join(' ') || null
    );
  if (Array.isArray(v.coding)) return readable(v.coding[0]);
  if (typeof v.code === 'string') return v.code;
  if (typeof v.value === 'string' || typeof v.value === 'number') return String(v.value);
  if (Array.isArray(v.line) || typeof v.city === 'string')
    return (
      [...((v.line as unknown[]) ?? []), v.city, v.postalCode]
        .filter((p) => typeof p === 'string')
        .join(', ') || null
    );
  if (typeof v.start === 'string') return v.end ? `${v.start} – ${String(v.end)}` : v.start;
  return null;
}

/** The attributes `fields` pick out of `resource`; fields with no value are left out. */
export function mapAttributes(
  resource: unknown,
  fields: readonly FhirFieldMapping[],
): PatientAttribute[] {
  const attributes: PatientAttribute[] = [];
  for (const field of fields) {
    const values = (valuesAt(resource, field.path) ?? []).map(readable).filter((v) => v !== null);
    if (values.length === 0) continue;
    attributes.push({
      key: field.key,
      ...(field.label ? { label: field.label } : {}),
      value: [...new Set(values)].join(', ').slice(0, 2000),
      displayable: field.displayable,
      clinical: field.clinical,
    });
  }
  return attributes;
}
