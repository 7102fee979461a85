export {
  type FhirAuthorization,
  type SmartBackendOptions,
  smartBackendServices,
  staticBearer,
} from './auth';
export { FhirClient, type FhirClientOptions } from './client';
export { DEFAULT_PATIENT_FIELDS, type FhirFieldMapping } from './field-mapping';
export { type FhirPatientContextOptions, fhirPatientContext } from './patient-context';
export { type FhirSchedulingOptions, fhirScheduling } from './scheduling';
