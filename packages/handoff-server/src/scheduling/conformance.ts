import { Slot } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import type { BookingParty, SchedulingProvider, SlotQuery } from './provider';

/** A provider under test with at least four free slots in `query`'s period. */
export interface SchedulingFixture {
  provider: SchedulingProvider;
  query: SlotQuery;
  /** A new patient with a conversation the provider may book for. */
  party(): Promise<BookingParty>;
  cleanup?: () => Promise<void> | void;
}

/**
 * The behaviour every `SchedulingProvider` must have:
 * `testSchedulingProvider('fhir', async () => ({ provider, query, party }))`.
 */
export function testSchedulingProvider(
  name: string,
  create: () => Promise<SchedulingFixture>,
): void {
  describe(`SchedulingProvider conformance: ${name}`, () => {
    const use = async (test: (fixture: SchedulingFixture) => Promise<void>) => {
      const fixture = await create();
      try {
        await test(fixture);
      } finally {
        await fixture.cleanup?.();
      }
    };
    const ids = (slots: readonly { id: string }[]) => slots.map((s) => s.id);

    it('has a name', () =>
      use(async ({ provider }) => {
        expect(provider.name).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
      }));

    it('finds free slots in the period, soonest first, at most `max`, as protocol slots', () =>
      use(async ({ provider, query }) => {
        const slots = await provider.searchFreeSlots({ ...query, max: 3 });
        expect(slots.length).toBe(3);
        for (const slot of slots) {
          expect(Slot.safeParse(slot).success).toBe(true);
          expect(slot.status).toBe('free');
          expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(Date.parse(query.from));
          expect(Date.parse(slot.start)).toBeLessThan(Date.parse(query.to));
        }
        const starts = slots.map((s) => Date.parse(s.start));
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        const later = await provider.searchFreeSlots({ ...query, from: query.to, to: query.to });
        expect(later).toEqual([]);
      }));

    it('books a free slot once; the slot leaves the search; only its patient sees it', () =>
      use(async ({ provider, query, party }) => {
        const [slot] = await provider.searchFreeSlots(query);
        const alice = await party();
        const booked = await provider.book(slot!.id, alice, query);
        expect(booked).toMatchObject({
          ok: true,
          appointment: { status: 'booked', patientId: alice.patientId },
        });
        if (!booked.ok) return;
        expect(booked.appointment.slot.start).toBe(slot!.start);
        expect(ids(await provider.searchFreeSlots(query))).not.toContain(slot!.id);
        expect(await provider.appointment(booked.appointment.id, alice.patientId)).toMatchObject({
          status: 'booked',
        });
        const bob = await party();
        expect(await provider.appointment(booked.appointment.id, bob.patientId)).toBeNull();
        const again = await provider.book(slot!.id, bob, query);
        expect(again).toMatchObject({ ok: false, reason: 'conflict' });
        if (again.ok || again.reason !== 'conflict') return;
        expect(again.freeSlots.length).toBeGreaterThan(0);
        expect(ids(again.freeSlots)).not.toContain(slot!.id);
      }));

    it('of concurrent bookings of one slot exactly one wins, the others get fresh slots', () =>
      use(async ({ provider, query, party }) => {
        const [slot] = await provider.searchFreeSlots(query);
        const parties = await Promise.all([party(), party(), party()]);
        const results = await Promise.all(parties.map((p) => provider.book(slot!.id, p, query)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        for (const lost of results.filter((r) => !r.ok)) {
          expect(lost).toMatchObject({ reason: 'conflict', freeSlots: expect.any(Array) });
        }
      }));

    it('an unknown slot or appointment is not_found', () =>
      use(async ({ provider, query, party }) => {
        const alice = await party();
        expect(await provider.book('no-such-slot', alice, query)).toEqual({
          ok: false,
          reason: 'not_found',
        });
        expect(await provider.cancel('no-such-appointment', alice.patientId)).toEqual({
          ok: false,
          reason: 'not_found',
        });
      }));

    it('cancels only the patient’s own appointment; the slot is free again', () =>
      use(async ({ provider, query, party }) => {
        const [slot] = await provider.searchFreeSlots(query);
        const alice = await party();
        const bob = await party();
        const booked = await provider.book(slot!.id, alice, query);
        if (!booked.ok) throw new Error('booking failed');
        const id = booked.appointment.id;
        expect(await provider.cancel(id, bob.patientId)).toEqual({
          ok: false,
          reason: 'not_found',
        });
        expect(await provider.appointment(id, alice.patientId)).toMatchObject({ status: 'booked' });
        const cancelled = await provider.cancel(id, alice.patientId);
        expect(cancelled).toMatchObject({ ok: true, appointment: { id, status: 'cancelled' } });
        expect(ids(await provider.searchFreeSlots(query))).toContain(slot!.id);
        expect(await provider.appointment(id, alice.patientId)).toMatchObject({
          status: 'cancelled',
        });
        expect(await provider.cancel(id, alice.patientId)).toEqual({
          ok: false,
          reason: 'not_found',
        });
      }));

    it('reschedules all or nothing: a taken slot is a conflict and the old one stands', () =>
      use(async ({ provider, query, party }) => {
        const [first, second, third] = await provider.searchFreeSlots(query);
        const alice = await party();
        const bob = await party();
        const mine = await provider.book(first!.id, alice, query);
        const theirs = await provider.book(second!.id, bob, query);
        if (!mine.ok || !theirs.ok) throw new Error('booking failed');
        const clash = await provider.reschedule(
          mine.appointment.id,
          second!.id,
          alice.patientId,
          query,
        );
        expect(clash).toMatchObject({ ok: false, reason: 'conflict' });
        expect(await provider.appointment(mine.appointment.id, alice.patientId)).toMatchObject({
          status: 'booked',
        });
        const moved = await provider.reschedule(
          mine.appointment.id,
          third!.id,
          alice.patientId,
          query,
        );
        expect(moved).toMatchObject({ ok: true, appointment: { status: 'booked' } });
        if (!moved.ok) return;
        expect(moved.appointment.slot.start).toBe(third!.start);
        const free = ids(await provider.searchFreeSlots({ ...query, max: 20 }));
        expect(free).toContain(first!.id);
        expect(free).not.toContain(third!.id);
        expect(
          await provider.reschedule(moved.appointment.id, first!.id, bob.patientId, query),
        ).toEqual({ ok: false, reason: 'not_found' });
      }));
  });
}
