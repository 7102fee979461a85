export { contactFromRequest } from './contact';
export {
  type PatientContextProvider,
  tokenClaimsPatientContext,
  type VerifiedPatientContext,
} from './provider';
