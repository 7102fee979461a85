import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './fixture';

const slot = (id: string, hour: number, service?: string) => ({
  id,
  startsAt: `2031-03-01T${String(hour).padStart(2, '0')}:00:00.000Z`,
  endsAt: `2031-03-01T${String(hour).padStart(2, '0')}:30:00.000Z`,
  label: 'Dr. Rivera',
  ...(service ? { service } : {}),
});

/** Slots by service; cancelling and moving bookings (all or nothing), with their history. */
export function appointmentChangeSuite(ctx: SuiteContext): void {
  describe('appointment changes', () => {
    it('filters slots by service (slots without one serve every service)', async () => {
      const store = ctx.store();
      await store.addSlots([
        slot('a', 9, 'cardiology'),
        slot('b', 10, 'dermatology'),
        slot('c', 11),
      ]);
      const cardio = await store.listSlots({ service: 'cardiology' });
      expect(cardio.map((s) => s.id)).toEqual(['a', 'c']);
      expect(cardio[0]).toMatchObject({ service: 'cardiology', label: 'Dr. Rivera' });
      expect(cardio[1]!.service).toBeUndefined();
      expect((await store.listSlots()).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    });

    it('cancels only the patient’s own booking, freeing the slot and keeping history', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.addSlots([slot('s1', 9)]);
      await store.bookSlot('s1', { conversationId: 'c1', patientId: 'p1' });
      expect(await store.cancelBooking('s1', 'p2')).toEqual({ ok: false, reason: 'not_found' });
      expect(await store.listBookings({ conversationId: 'c1' })).toHaveLength(1);
      const cancelled = await store.cancelBooking('s1', 'p1');
      expect(cancelled).toMatchObject({
        ok: true,
        booking: { slotId: 's1', conversationId: 'c1', patientId: 'p1' },
      });
      expect(await store.listBookings({ conversationId: 'c1' })).toEqual([]);
      expect((await store.listSlots({ freeOnly: true })).map((s) => s.id)).toEqual(['s1']);
      const history = await store.listCancelledBookings({ patientId: 'p1' });
      expect(history).toEqual([
        expect.objectContaining({
          slotId: 's1',
          conversationId: 'c1',
          cancelledAt: expect.any(String),
        }),
      ]);
      expect(await store.cancelBooking('s1', 'p1')).toEqual({ ok: false, reason: 'not_found' });
    });

    it('reschedules atomically: a taken or unknown slot changes nothing', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.createConversation({ id: 'c2', patientId: 'p2' });
      await store.addSlots([slot('s1', 9), slot('s2', 10), slot('s3', 11)]);
      await store.bookSlot('s1', { conversationId: 'c1', patientId: 'p1' });
      await store.bookSlot('s2', { conversationId: 'c2', patientId: 'p2' });
      expect(await store.rescheduleBooking('s1', 's2', 'p1')).toEqual({
        ok: false,
        reason: 'already_booked',
      });
      expect(await store.rescheduleBooking('s1', 'nope', 'p1')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await store.rescheduleBooking('s2', 's3', 'p1')).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect((await store.listBookings({ patientId: 'p1' })).map((b) => b.slotId)).toEqual(['s1']);
      const moved = await store.rescheduleBooking('s1', 's3', 'p1');
      expect(moved).toMatchObject({ ok: true, booking: { slotId: 's3', conversationId: 'c1' } });
      expect((await store.listBookings({ patientId: 'p1' })).map((b) => b.slotId)).toEqual(['s3']);
      expect(
        (await store.listCancelledBookings({ conversationId: 'c1' })).map((c) => c.slotId),
      ).toEqual(['s1']);
      expect((await store.listSlots({ freeOnly: true })).map((s) => s.id)).toEqual(['s1']);
      expect(await store.getSlot('s3')).toMatchObject({ id: 's3', booking: { patientId: 'p1' } });
      expect(await store.getSlot('s1')).toMatchObject({ id: 's1', booking: null });
      expect(await store.getSlot('nope')).toBeNull();
    });

    it('of concurrent reschedules onto one slot exactly one wins', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.createConversation({ id: 'c2', patientId: 'p2' });
      await store.addSlots([slot('s1', 9), slot('s2', 10), slot('s3', 11)]);
      await store.bookSlot('s1', { conversationId: 'c1', patientId: 'p1' });
      await store.bookSlot('s2', { conversationId: 'c2', patientId: 'p2' });
      const results = await Promise.all([
        store.rescheduleBooking('s1', 's3', 'p1'),
        store.rescheduleBooking('s2', 's3', 'p2'),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await store.listBookings({})).toHaveLength(2);
    });

    it('forgets cancellations when the patient’s data is deleted', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.addSlots([slot('s1', 9)]);
      await store.bookSlot('s1', { conversationId: 'c1', patientId: 'p1' });
      await store.cancelBooking('s1', 'p1');
      await store.deletePatientData('p1', { actorId: 'admin-1', actorRole: 'admin' });
      expect(await store.listCancelledBookings({ patientId: 'p1' })).toEqual([]);
    });
  });
}
