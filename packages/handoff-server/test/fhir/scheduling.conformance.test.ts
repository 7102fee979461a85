import { randomUUID } from 'node:crypto';
import { FhirClient, fhirScheduling } from '@baton/handoff-server';
import { testSchedulingProvider } from '@baton/handoff-server/testing';
import { expect, it } from 'vitest';
import { seedSchedule, startFhirServer } from '../support/fhir';

const HOUR = 3_600_000;

async function fhirFixture() {
  const fhir = await startFhirServer({ bearerToken: 'test-static-token' });
  const firstStart = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
  const { scheduleId } = await seedSchedule(fhir, {
    practitioner: 'Dr. Amara Osei',
    firstStart,
    count: 8,
  });
  // Another clinic's schedule, earlier slots: left out by `schedules`.
  await seedSchedule(fhir, {
    practitioner: 'Elsewhere',
    firstStart: firstStart - 1_800_000,
    count: 2,
  });
  const client = new FhirClient({
    baseUrl: fhir.baseUrl,
    authorization: { header: async () => 'Bearer test-static-token', invalidate: () => {} },
  });
  return {
    fhir,
    provider: fhirScheduling({ client, schedules: [scheduleId] }),
    query: {
      from: new Date(firstStart - HOUR).toISOString(),
      to: new Date(firstStart + 5 * HOUR).toISOString(),
    },
    async party() {
      return { patientId: `pat-${randomUUID()}`, conversationId: `conv-${randomUUID()}` };
    },
    cleanup: () => fhir.close(),
  };
}

testSchedulingProvider('fhir (Medplum FHIR router over HTTP)', fhirFixture);

it('the FHIR server holds a booked Appointment, then a cancelled one and a free Slot', async () => {
  const { fhir, provider, query, party, cleanup } = await fhirFixture();
  try {
    const [slot] = await provider.searchFreeSlots(query);
    expect(slot?.schedule?.display).toBe('Dr. Amara Osei');
    const all = await provider.searchFreeSlots({ ...query, max: 20 });
    expect(all.map((s) => s.schedule?.display)).not.toContain('Elsewhere');
    const alice = await party();
    const booked = await provider.book(slot!.id, alice, query);
    if (!booked.ok) throw new Error('booking failed');
    const stored = await fhir.repo.readResource('Appointment', booked.appointment.id);
    expect(stored).toMatchObject({
      status: 'booked',
      slot: [{ reference: `Slot/${slot!.id}` }],
      identifier: expect.arrayContaining([{ system: 'urn:baton:patient', value: alice.patientId }]),
    });
    expect(await fhir.repo.readResource('Slot', slot!.id)).toMatchObject({ status: 'busy' });
    await provider.cancel(booked.appointment.id, alice.patientId);
    expect(await fhir.repo.readResource('Appointment', booked.appointment.id)).toMatchObject({
      status: 'cancelled',
    });
    expect(await fhir.repo.readResource('Slot', slot!.id)).toMatchObject({ status: 'free' });
  } finally {
    await cleanup();
  }
});
