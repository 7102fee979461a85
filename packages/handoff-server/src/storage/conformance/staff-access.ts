import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './fixture';

/** An administrator disables and re-enables a staff member. */
export function staffAccessSuite(ctx: SuiteContext): void {
  describe('staff access: disabled staff', () => {
    it('disables once (the first record kept), reads it back, and enables again', async () => {
      const store = ctx.store();
      expect(await store.getDisabledStaff('agent-1')).toBeNull();
      const first = await store.disableStaff('agent-1', 'admin-1');
      expect(first).toMatchObject({ staffId: 'agent-1', disabledBy: 'admin-1' });
      expect(Number.isNaN(Date.parse(first.disabledAt))).toBe(false);
      const again = await store.disableStaff('agent-1', 'admin-2');
      expect(again).toEqual(first);
      expect(await store.getDisabledStaff('agent-1')).toEqual(first);
      expect(await store.getDisabledStaff('agent-2')).toBeNull();
      expect(await store.enableStaff('agent-1')).toBe(true);
      expect(await store.enableStaff('agent-1')).toBe(false);
      expect(await store.getDisabledStaff('agent-1')).toBeNull();
    });
  });
}
