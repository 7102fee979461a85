import { nowIso } from '../shared';
import type { DisabledStaffRecord, StaffAccessOps } from '../staff-access';

/** Disabled staff, in a map of its own. */
export function memoryStaffAccess(): StaffAccessOps {
  const disabled = new Map<string, DisabledStaffRecord>();
  return {
    async disableStaff(staffId, disabledBy) {
      const existing = disabled.get(staffId);
      if (existing) return { ...existing };
      const record = { staffId, disabledBy, disabledAt: nowIso() };
      disabled.set(staffId, record);
      return { ...record };
    },
    async enableStaff(staffId) {
      return disabled.delete(staffId);
    },
    async getDisabledStaff(staffId) {
      const record = disabled.get(staffId);
      return record ? { ...record } : null;
    },
  };
}
