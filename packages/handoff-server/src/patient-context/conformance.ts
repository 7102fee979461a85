import { PatientContext } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import type { PatientPrincipal } from '../auth/principal';
import type { PatientContextProvider } from './provider';

/** A provider under test, and the patient it knows (with the context it must return). */
export interface PatientContextFixture {
  provider: PatientContextProvider;
  /** A patient the provider has a record for. */
  known: PatientPrincipal;
  cleanup?: () => Promise<void> | void;
}

/**
 * The behaviour every `PatientContextProvider` must have:
 * `testPatientContextProvider('fhir', async () => ({ provider, known }))`.
 */
export function testPatientContextProvider(
  name: string,
  create: () => Promise<PatientContextFixture>,
): void {
  describe(`PatientContextProvider conformance: ${name}`, () => {
    it('has a name', async () => {
      const { provider, cleanup } = await create();
      expect(provider.name).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
      await cleanup?.();
    });

    it('returns context the protocol accepts, for the patient asked about', async () => {
      const { provider, known, cleanup } = await create();
      const context = await provider.contextFor(known);
      const parsed = PatientContext.safeParse({ patientId: known.patientId, ...context });
      expect(parsed.success).toBe(true);
      await cleanup?.();
    });

    it('answers from the authenticated patient only, the same for the same patient', async () => {
      const { provider, known, cleanup } = await create();
      const first = await provider.contextFor(known);
      const again = await provider.contextFor({ ...known });
      expect(again).toEqual(first);
      await cleanup?.();
    });

    it('returns a copy: changing it changes nothing the provider keeps', async () => {
      const { provider, known, cleanup } = await create();
      const first = await provider.contextFor(known);
      first.displayName = 'Dr. Impostor';
      first.attributes?.push({
        key: 'verified',
        value: 'yes',
        displayable: true,
        clinical: false,
      });
      const again = await provider.contextFor(known);
      expect(again.displayName).not.toBe('Dr. Impostor');
      expect(again.attributes?.some((a) => a.key === 'verified' && a.value === 'yes')).not.toBe(
        true,
      );
      await cleanup?.();
    });
  });
}
