export {
  createDevSignIn,
  hashPassword,
  loadDevUsers,
} from './dev-signin';
export { createAccessGuard } from './guard';
export { issuePatientToken, issueStaffToken } from './issue';
export {} from './policy';
export type {
  PatientPrincipal,
  Principal,
  StaffPrincipal,
  StaffRole,
} from './principal';
export {} from './staff-view';
export {
  createPatientTokenVerifier,
  createStaffTokenVerifier,
} from './tokens';
