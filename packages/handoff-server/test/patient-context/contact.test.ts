import type { HandoffRequest, PatientAttribute } from '@baton/handoff-protocol';
import { contactFromRequest } from '@baton/handoff-server';
import { describe, expect, it } from 'vitest';

// One reading of the patient's contact and time zone, for reminders and for the slots offered
// in the chat: verified attributes only, never what the patient stated.

const attribute = (key: string, value: string): PatientAttribute => ({
  key,
  label: key,
  value,
  displayable: false,
  clinical: false,
});

const request = (
  attributes: PatientAttribute[],
  stated: PatientAttribute[] = [],
): Pick<HandoffRequest, 'patient' | 'statedByPatient'> => ({
  patient: { patientId: 'pat-1', displayName: 'Alex Martin', locale: 'fr-CA', attributes },
  statedByPatient: { attributes: stated },
});

describe('contactFromRequest', () => {
  it.each(['timeZone', 'timezone', 'tz'])('reads the zone under %s', (key) => {
    expect(contactFromRequest(request([attribute(key, 'America/Toronto')]))).toEqual({
      locale: 'fr-CA',
      timeZone: 'America/Toronto',
    });
  });

  it('reads the e-mail address, and nothing the patient only stated', () => {
    const contact = contactFromRequest(
      request(
        [attribute('emailAddress', 'alex@example.org')],
        [attribute('tz', 'Europe/Paris'), attribute('email', 'typed@example.org')],
      ),
    );
    expect(contact).toEqual({ locale: 'fr-CA', email: 'alex@example.org' });
  });

  it('knows nothing without a request', () => {
    expect(contactFromRequest(null)).toBeNull();
    expect(contactFromRequest(undefined)).toBeNull();
  });
});
