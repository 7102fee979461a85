import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './fixture';

const slot = (id: string, hour: number) => ({
  id,
  startsAt: `2031-04-01T${String(hour).padStart(2, '0')}:00:00.000Z`,
  endsAt: `2031-04-01T${String(hour).padStart(2, '0')}:30:00.000Z`,
  label: 'Dr. Rivera',
});

/** An administrator removes free slots; a booked one stays until its booking is cancelled. */
export function slotAdminSuite(ctx: SuiteContext): void {
  describe('slot administration', () => {
    it('removes a free slot, keeps a booked one, and says when there is none', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.addSlots([slot('free', 9), slot('taken', 10)]);
      await store.bookSlot('taken', { conversationId: 'c1', patientId: 'p1' });
      expect(await store.removeSlot('free')).toBe('removed');
      expect(await store.removeSlot('free')).toBe('not_found');
      expect(await store.removeSlot('taken')).toBe('booked');
      expect((await store.listSlots()).map((s) => s.id)).toEqual(['taken']);
      // Cancelled: free again, so it can go; the cancellation history stays.
      await store.cancelBooking('taken', 'p1');
      expect(await store.removeSlot('taken')).toBe('removed');
      expect(await store.listSlots()).toEqual([]);
      expect((await store.listCancelledBookings({ patientId: 'p1' })).map((c) => c.slotId)).toEqual(
        ['taken'],
      );
      // A removed id can be added again (a slot file read at the next start).
      await store.addSlots([slot('free', 9)]);
      expect(await store.getSlot('free')).toMatchObject({ id: 'free', booking: null });
    });
  });
}
