/**
 * An administrator's switch on a staff member: a disabled person cannot sign in, exchange a
 * session for a socket token, or open a socket, whatever token she holds (an identity
 * provider's token lives on until its `exp`). Kept by staff id, apart from sessions.
 */
export interface DisabledStaffRecord {
  staffId: string;
  disabledAt: string;
  /** The administrator who disabled her. */
  disabledBy: string;
}

export interface StaffAccessOps {
  /** Disables a staff member; disabling twice keeps the first record. */
  disableStaff(staffId: string, disabledBy: string): Promise<DisabledStaffRecord>;
  /** Lets her in again; `false` when she was not disabled. */
  enableStaff(staffId: string): Promise<boolean>;
  getDisabledStaff(staffId: string): Promise<DisabledStaffRecord | null>;
}
