import { iso } from '../rows';
import type { DisabledStaffRecord, StaffAccessOps } from '../staff-access';
import { affected, one, type PostgresContext, query, type Row } from './context';

const toRecord = (row: Row): DisabledStaffRecord => ({
  staffId: String(row.staff_id),
  disabledAt: iso(row.disabled_at as Date),
  disabledBy: String(row.disabled_by),
});

/** Disabled staff (migration 5). */
export function postgresStaffAccess(ctx: PostgresContext): StaffAccessOps {
  const { pool } = ctx;
  const read = async (staffId: string) => {
    const row = await one(pool, 'SELECT * FROM disabled_staff WHERE staff_id = $1', [staffId]);
    return row ? toRecord(row) : null;
  };
  return {
    async disableStaff(staffId, disabledBy) {
      await query(
        pool,
        `INSERT INTO disabled_staff (staff_id, disabled_at, disabled_by) VALUES ($1, now(), $2)
         ON CONFLICT (staff_id) DO NOTHING`,
        [staffId, disabledBy],
      );
      return (await read(staffId))!;
    },
    async enableStaff(staffId) {
      return (
        (await affected(pool, 'DELETE FROM disabled_staff WHERE staff_id = $1', [staffId])) > 0
      );
    },
    async getDisabledStaff(staffId) {
      return read(staffId);
    },
  };
}
