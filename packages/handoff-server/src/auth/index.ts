export {
  createDevSignIn,
  type DevSignIn,
  type DevSignInOptions,
  DevUser,
  DevUsersFile,
  hashPassword,
  loadDevUsers,
  verifyPassword,
} from './dev-signin';
export { type AccessGuard, type AuditSink, createAccessGuard } from './guard';
export { type IssueOptions, issuePatientToken, issueStaffToken, type SigningKey } from './issue';
export {
  AUDIT_ACTION,
  AUDITED_WHEN_ALLOWED,
  CONVERSATION_ACTIONS,
  type ConfigAction,
  type ConversationAction,
  canAccessConversation,
  canManageConfiguration,
  type Decision,
  type DenialReason,
  visiblePatientAttributes,
} from './policy';
export {
  auditRole,
  hasRole,
  type PatientPrincipal,
  type Principal,
  principalId,
  STAFF_ROLES,
  type StaffPrincipal,
  type StaffRole,
} from './principal';
export {
  attributesFor,
  CLEARANCES,
  type Clearance,
  clearanceOf,
  patientContextFor,
  requestFor,
  staffFrame,
  staffFrameFor,
} from './staff-view';
export {
  createPatientTokenVerifier,
  createStaffTokenVerifier,
  PatientClaims,
  StaffClaims,
  type TokenKeySource,
  type TokenVerifierOptions,
} from './tokens';
