import { tokenClaimsPatientContext } from '@baton/handoff-server';
import { testPatientContextProvider } from '@baton/handoff-server/testing';

// The default provider passes the suite every provider (FHIR, a CRM) must pass.
testPatientContextProvider('token-claims', async () => ({
  provider: tokenClaimsPatientContext,
  known: {
    kind: 'patient',
    patientId: 'pat-1',
    displayName: 'Alex Martin',
    locale: 'fr-CA',
    conversationId: null,
    attributes: [
      { key: 'plan', label: 'Insurance plan', value: 'GOLD', displayable: true, clinical: false },
    ],
  },
}));
