import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './fixture';

/** Staff assignments the server owns (claims seen at sign-in, an admin's override); API keys. */
export function staffAssignmentSuite(ctx: SuiteContext): void {
  describe('staff assignments', () => {
    it('keeps the claims and the override apart, and resets the override', async () => {
      const store = ctx.store();
      expect(await store.getStaffAssignment('nina')).toBeNull();
      const seen = await store.noteStaffClaims('nina', 'Nina', {
        roles: ['supervisor', 'agent'],
        queues: ['general', 'billing', 'general'],
      });
      expect(seen).toMatchObject({
        staffId: 'nina',
        displayName: 'Nina',
        claims: { roles: ['agent', 'supervisor'], queues: ['billing', 'general'] },
        override: null,
        updatedBy: null,
      });
      expect(Number.isNaN(Date.parse(seen.claimsSeenAt ?? ''))).toBe(false);
      const set = await store.setStaffOverride(
        'nina',
        { roles: ['agent'], queues: ['general'] },
        'ada',
        'ignored: she has a name',
      );
      expect(set).toMatchObject({
        displayName: 'Nina',
        claims: { roles: ['agent', 'supervisor'] },
        override: { roles: ['agent'], queues: ['general'] },
        updatedBy: 'ada',
      });
      // A later sign-in updates the claims; the override stays.
      const again = await store.noteStaffClaims('nina', 'Nina R.', {
        roles: ['agent'],
        queues: ['billing'],
      });
      expect(again.override).toEqual({ roles: ['agent'], queues: ['general'] });
      expect(again.claims).toEqual({ roles: ['agent'], queues: ['billing'] });
      const reset = await store.setStaffOverride('nina', null, 'ada');
      expect(reset.override).toBeNull();
      expect(await store.getStaffAssignment('nina')).toEqual(reset);
    });

    it('adds someone before her first sign-in and lists everyone by id', async () => {
      const store = ctx.store();
      await store.noteStaffClaims('sam', 'Sam', { roles: ['supervisor'], queues: [] });
      const added = await store.setStaffOverride(
        'leo',
        { roles: ['agent'], queues: ['general'] },
        'ada',
        'Leo',
      );
      expect(added).toMatchObject({ staffId: 'leo', displayName: 'Leo', claims: null });
      expect((await store.listStaffAssignments()).map((r) => r.staffId)).toEqual(['leo', 'sam']);
    });
  });

  describe('API keys', () => {
    it('finds a key by its hash, records uses forward only, revokes once', async () => {
      const store = ctx.store();
      const key = await store.createApiKey({
        id: 'k1',
        name: 'Grafana',
        scope: 'analytics',
        secretHash: 'a'.repeat(64),
        createdBy: 'ada',
      });
      expect(key).toMatchObject({ id: 'k1', name: 'Grafana', lastUsedAt: null, revokedAt: null });
      await expect(
        store.createApiKey({
          id: 'k2',
          name: 'Copy',
          scope: 'analytics',
          secretHash: 'a'.repeat(64),
          createdBy: 'ada',
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.findApiKey('b'.repeat(64))).toBeNull();
      await store.touchApiKey('k1', '2026-03-02T10:00:00.000Z');
      await store.touchApiKey('k1', '2026-03-01T10:00:00.000Z');
      expect((await store.findApiKey('a'.repeat(64)))?.lastUsedAt).toBe('2026-03-02T10:00:00.000Z');
      expect(await store.revokeApiKey('k1')).toBe(true);
      expect(await store.revokeApiKey('k1')).toBe(false);
      expect(await store.revokeApiKey('nope')).toBe(false);
      const listed = await store.listApiKeys();
      expect(listed).toHaveLength(1);
      expect(listed[0]?.revokedAt).not.toBeNull();
      expect(listed[0]).not.toHaveProperty('secretHash');
    });
  });
}
