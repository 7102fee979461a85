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

  describe('the last administrator', () => {
    it('two administrators demoting each other at once: exactly one succeeds', async () => {
      const store = ctx.store();
      await store.noteStaffClaims('ada', 'Ada', { roles: ['admin'], queues: [] });
      await store.noteStaffClaims('root', 'Root', { roles: ['admin', 'agent'], queues: [] });
      const demoted = { roles: ['supervisor' as const], queues: [] };
      // Several rounds, each starting with both administrators (PostgreSQL: separate
      // connections, whose reads would both see the other as an administrator without a lock).
      for (let round = 0; round < 8; round += 1) {
        await store.setStaffOverride('ada', null, 'setup');
        await store.setStaffOverride('root', null, 'setup');
        const outcomes = await Promise.allSettled([
          store.saveStaffAssignmentKeepingAnAdmin('root', demoted, 'ada'),
          store.saveStaffAssignmentKeepingAnAdmin('ada', demoted, 'root'),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((o) => o.status === 'rejected');
        expect(refused?.reason).toMatchObject({ code: 'last_admin' });
        const left = (await store.listStaffAssignments()).filter((r) =>
          (r.override ?? r.claims)?.roles.includes('admin'),
        );
        expect(left).toHaveLength(1);
        // Nothing changed for the refused one: still an administrator, by her claims.
        expect(left[0]?.override).toBeNull();
      }
    });

    it('refuses a reset to claims without admin; allows changes that keep one', async () => {
      const store = ctx.store();
      await store.noteStaffClaims('ada', 'Ada', { roles: ['agent'], queues: [] });
      const promoted = await store.saveStaffAssignmentKeepingAnAdmin(
        'ada',
        { roles: ['admin'], queues: [] },
        'ada',
      );
      expect(promoted.override?.roles).toEqual(['admin']);
      await expect(
        store.saveStaffAssignmentKeepingAnAdmin('ada', null, 'ada'),
      ).rejects.toMatchObject({ code: 'last_admin' });
      expect((await store.getStaffAssignment('ada'))?.override?.roles).toEqual(['admin']);
      // Someone added before her first sign-in, as an administrator: then Ada may step down.
      await store.saveStaffAssignmentKeepingAnAdmin(
        'leo',
        { roles: ['admin'], queues: [] },
        'ada',
        'Leo',
      );
      expect(
        (await store.saveStaffAssignmentKeepingAnAdmin('ada', null, 'ada')).override,
      ).toBeNull();
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
