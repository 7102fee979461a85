export {
  type PatientContextProvider,
  tokenClaimsPatientContext,
  type VerifiedPatientContext,
} from './provider';
