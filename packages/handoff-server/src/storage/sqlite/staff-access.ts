import { iso } from '../rows';
import { nowIso } from '../shared';
import type { DisabledStaffRecord, StaffAccessOps } from '../staff-access';
import { type Row, type SqliteContext, write } from './context';

const toRecord = (row: Row): DisabledStaffRecord => ({
  staffId: String(row.staff_id),
  disabledAt: iso(String(row.disabled_at)),
  disabledBy: String(row.disabled_by),
});

/** Disabled staff (migration 5). */
export function sqliteStaffAccess(ctx: SqliteContext): StaffAccessOps {
  const { db } = ctx;
  const read = (staffId: string) => {
    const row = db.prepare('SELECT * FROM disabled_staff WHERE staff_id = ?').get(staffId) as
      | Row
      | undefined;
    return row ? toRecord(row) : null;
  };
  return {
    async disableStaff(staffId, disabledBy) {
      return write(ctx, () => {
        db.prepare(
          `INSERT INTO disabled_staff (staff_id, disabled_at, disabled_by) VALUES (?, ?, ?)
           ON CONFLICT (staff_id) DO NOTHING`,
        ).run(staffId, nowIso(), disabledBy);
        return read(staffId)!;
      });
    },
    async enableStaff(staffId) {
      return write(
        ctx,
        () => db.prepare('DELETE FROM disabled_staff WHERE staff_id = ?').run(staffId).changes > 0,
      );
    },
    async getDisabledStaff(staffId) {
      return read(staffId);
    },
  };
}
