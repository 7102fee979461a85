import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import type { AppointmentLinkSigner } from '../engine/followups/appointment-links';
import { type FhirAuthorization, smartBackendServices, staticBearer } from '../fhir/auth';
import { FhirClient } from '../fhir/client';
import { FhirFieldMappings } from '../fhir/field-mapping';
import { fhirPatientContext } from '../fhir/patient-context';
import { fhirScheduling } from '../fhir/scheduling';
import { HandoffServerError } from '../internal/errors';
import type { PatientContextProvider } from '../patient-context/provider';
import type { SchedulingProvider } from '../scheduling/provider';
import { loadSlotsFile } from '../scheduling/slots-file';
import type { ConversationStore } from '../storage/contract';
import type { ServerEnv } from './env-schema';

const invalid = (message: string) => new HandoffServerError('invalid_config', message);

/** The FHIR and scheduling settings hang together (names in the error, never values). */
export function checkHealthcareEnv(config: ServerEnv): void {
  const usesFhir = config.BATON_PATIENT_CONTEXT === 'fhir' || config.BATON_SCHEDULING === 'fhir';
  if (usesFhir && !config.BATON_FHIR_BASE_URL)
    throw invalid('BATON_PATIENT_CONTEXT=fhir or BATON_SCHEDULING=fhir needs BATON_FHIR_BASE_URL');
  if (config.BATON_FHIR_AUTH === 'bearer' && !config.BATON_FHIR_BEARER_TOKEN)
    throw invalid('BATON_FHIR_AUTH=bearer needs BATON_FHIR_BEARER_TOKEN');
  if (
    config.BATON_FHIR_AUTH === 'smart' &&
    (!config.BATON_FHIR_TOKEN_URL ||
      !config.BATON_FHIR_CLIENT_ID ||
      !config.BATON_FHIR_PRIVATE_KEY_FILE)
  )
    throw invalid(
      'BATON_FHIR_AUTH=smart needs BATON_FHIR_TOKEN_URL, BATON_FHIR_CLIENT_ID and BATON_FHIR_PRIVATE_KEY_FILE',
    );
  if (
    config.BATON_FHIR_PATIENT_LOOKUP === 'identifier' &&
    !config.BATON_FHIR_PATIENT_IDENTIFIER_SYSTEM
  )
    throw invalid(
      'BATON_FHIR_PATIENT_LOOKUP=identifier needs BATON_FHIR_PATIENT_IDENTIFIER_SYSTEM',
    );
  const unknown = config.BATON_FHIR_SUMMARY.filter((s) => s !== 'encounter' && s !== 'appointment');
  if (unknown.length > 0) throw invalid('BATON_FHIR_SUMMARY lists encounter and/or appointment');
  // BATON_PUBLIC_URL alone is fine: it also makes the file links adapters forward absolute.
  if (config.BATON_APPOINTMENT_LINK_SECRET && !config.BATON_PUBLIC_URL)
    throw invalid('BATON_APPOINTMENT_LINK_SECRET needs BATON_PUBLIC_URL');
}

async function authorization(config: ServerEnv): Promise<FhirAuthorization | undefined> {
  switch (config.BATON_FHIR_AUTH) {
    case 'none':
      return undefined;
    case 'bearer':
      return staticBearer(config.BATON_FHIR_BEARER_TOKEN!);
    case 'smart': {
      const text = await readFile(config.BATON_FHIR_PRIVATE_KEY_FILE!, 'utf8');
      const privateKey = text.trimStart().startsWith('{') ? (JSON.parse(text) as JWK) : text;
      return smartBackendServices({
        tokenUrl: config.BATON_FHIR_TOKEN_URL!,
        clientId: config.BATON_FHIR_CLIENT_ID!,
        privateKey,
        scope: config.BATON_FHIR_SCOPE,
        ...(config.BATON_FHIR_KEY_ID ? { keyId: config.BATON_FHIR_KEY_ID } : {}),
      });
    }
    default: {
      const never: never = config.BATON_FHIR_AUTH;
      throw invalid(`unknown BATON_FHIR_AUTH ${String(never)}`);
    }
  }
}

export interface HealthcareProviders {
  patientContext?: PatientContextProvider;
  scheduling?: SchedulingProvider;
  appointmentLinks?: AppointmentLinkSigner;
}

/** The patient context and scheduling providers and link signer the environment asks for. */
export async function healthcareFromEnv(
  config: ServerEnv,
  store: ConversationStore,
): Promise<HealthcareProviders> {
  if (config.BATON_SLOTS_FILE) await loadSlotsFile(store, config.BATON_SLOTS_FILE);
  const providers: HealthcareProviders = {};
  if (config.BATON_PUBLIC_URL && config.BATON_APPOINTMENT_LINK_SECRET)
    providers.appointmentLinks = {
      publicUrl: config.BATON_PUBLIC_URL,
      secret: config.BATON_APPOINTMENT_LINK_SECRET,
      maxAgeMs: config.BATON_APPOINTMENT_LINK_MAX_AGE_DAYS * 24 * 60 * 60_000,
    };
  if (!config.BATON_FHIR_BASE_URL) return providers;
  const auth = await authorization(config);
  const client = new FhirClient({
    baseUrl: config.BATON_FHIR_BASE_URL,
    ...(auth ? { authorization: auth } : {}),
  });
  if (config.BATON_PATIENT_CONTEXT === 'fhir') {
    const fields = config.BATON_FHIR_FIELDS_FILE
      ? FhirFieldMappings.safeParse(
          JSON.parse(await readFile(config.BATON_FHIR_FIELDS_FILE, 'utf8')),
        )
      : null;
    if (fields && !fields.success)
      throw invalid('BATON_FHIR_FIELDS_FILE is not a list of field mappings');
    providers.patientContext = fhirPatientContext({
      client,
      lookup:
        config.BATON_FHIR_PATIENT_LOOKUP === 'identifier'
          ? { by: 'identifier', system: config.BATON_FHIR_PATIENT_IDENTIFIER_SYSTEM! }
          : { by: 'id' },
      ...(fields?.success ? { fields: fields.data } : {}),
      summary: {
        encounter: config.BATON_FHIR_SUMMARY.includes('encounter'),
        appointment: config.BATON_FHIR_SUMMARY.includes('appointment'),
      },
    });
  }
  if (config.BATON_SCHEDULING === 'fhir')
    providers.scheduling = fhirScheduling({
      client,
      schedules: config.BATON_FHIR_SCHEDULES,
      matchService: config.BATON_FHIR_MATCH_SERVICE,
      ...(config.BATON_FHIR_PATIENT_LOOKUP === 'id' && config.BATON_PATIENT_CONTEXT === 'fhir'
        ? { patientReference: { by: 'id' as const } }
        : config.BATON_FHIR_PATIENT_IDENTIFIER_SYSTEM
          ? {
              patientReference: {
                by: 'identifier' as const,
                system: config.BATON_FHIR_PATIENT_IDENTIFIER_SYSTEM,
              },
            }
          : {}),
    });
  return providers;
}
