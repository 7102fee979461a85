import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  issueStaffToken,
  MemoryConversationStore,
  readServerEnv,
  startFromEnv,
} from '@baton/handoff-server';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { healthcareFromEnv } from '../../src/ops/healthcare-config';
import { type FhirTestServer, startFhirServer } from '../support/fhir';

const base = {
  BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
  BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
};

describe('FHIR, scheduling and link settings', () => {
  it('names what is missing, never a value', () => {
    expect(() => readServerEnv({ ...base, BATON_SCHEDULING: 'fhir' })).toThrow(
      /BATON_FHIR_BASE_URL/,
    );
    const smart = {
      ...base,
      BATON_PATIENT_CONTEXT: 'fhir',
      BATON_FHIR_BASE_URL: 'https://fhir.example.org/r4',
      BATON_FHIR_AUTH: 'smart',
      BATON_FHIR_CLIENT_ID: 'baton-client-secret-looking-id',
    };
    const error = (() => {
      try {
        readServerEnv(smart);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/BATON_FHIR_TOKEN_URL/);
    expect(error?.message).not.toContain('baton-client-secret-looking-id');
    expect(() => readServerEnv({ ...base, BATON_APPOINTMENT_LINK_SECRET: 'x'.repeat(40) })).toThrow(
      /BATON_PUBLIC_URL/,
    );
    expect(() => readServerEnv({ ...base, BATON_APPOINTMENT_LINK_SECRET: 'short' })).toThrow(
      /BATON_APPOINTMENT_LINK_SECRET/,
    );
    expect(() => readServerEnv({ ...base, BATON_FHIR_SUMMARY: 'encounter,labs' })).toThrow(
      /BATON_FHIR_SUMMARY/,
    );
  });

  it('builds SMART-authorised FHIR providers from the environment and reads them', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
    let fhir: FhirTestServer | undefined;
    try {
      fhir = await startFhirServer({
        smart: { clientId: 'baton', publicKey: { ...(await exportJWK(publicKey)), kid: 'k1' } },
      });
      const patient = await fhir.create({
        resourceType: 'Patient',
        name: [{ given: ['Noor'], family: 'Haddad' }],
        birthDate: '1990-05-01',
      });
      const dir = mkdtempSync(join(tmpdir(), 'baton-fhir-env-'));
      const keyFile = join(dir, 'key.jwk');
      writeFileSync(
        keyFile,
        JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'k1', alg: 'ES384' }),
      );
      const fieldsFile = join(dir, 'fields.json');
      writeFileSync(
        fieldsFile,
        JSON.stringify([
          { key: 'dob', label: 'Born', path: 'birthDate', displayable: true, clinical: false },
        ]),
      );
      const config = readServerEnv({
        ...base,
        BATON_PATIENT_CONTEXT: 'fhir',
        BATON_SCHEDULING: 'fhir',
        BATON_FHIR_BASE_URL: fhir.baseUrl,
        BATON_FHIR_AUTH: 'smart',
        BATON_FHIR_TOKEN_URL: fhir.tokenUrl,
        BATON_FHIR_CLIENT_ID: 'baton',
        BATON_FHIR_PRIVATE_KEY_FILE: keyFile,
        BATON_FHIR_FIELDS_FILE: fieldsFile,
      });
      const providers = await healthcareFromEnv(config, new MemoryConversationStore());
      expect(providers.scheduling?.name).toBe('fhir');
      const context = await providers.patientContext!.contextFor({
        kind: 'patient',
        patientId: patient.id,
        displayName: 'token name',
        locale: 'en',
        conversationId: null,
      });
      expect(context).toEqual({
        displayName: 'Noor Haddad',
        locale: 'en',
        attributes: [
          { key: 'dob', label: 'Born', value: '1990-05-01', displayable: true, clinical: false },
        ],
      });
      expect(fhir.stats.tokensIssued).toBe(1);
    } finally {
      await fhir?.close();
    }
  });

  it('baton-server loads BATON_SLOTS_FILE and serves the admin slot API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-slots-env-'));
    const slotsFile = join(dir, 'slots.json');
    const start = Date.now() + 48 * 3_600_000;
    writeFileSync(
      slotsFile,
      JSON.stringify([
        {
          start: new Date(start).toISOString(),
          end: new Date(start + 1_200_000).toISOString(),
          label: 'Dr. Osei',
        },
        {
          id: 'fixed-1',
          start: new Date(start + 3_600_000).toISOString(),
          end: new Date(start + 4_800_000).toISOString(),
          service: 'general',
        },
      ]),
    );
    const running = await startFromEnv({
      ...base,
      BATON_PORT: '0',
      BATON_HOST: '127.0.0.1',
      BATON_DATA_DIR: dir,
      BATON_LOG_LEVEL: 'silent',
      BATON_SLOTS_FILE: slotsFile,
    });
    try {
      const noToken = await fetch(`${running.url}/api/admin/slots`);
      expect(noToken.status).toBe(401);
      await noToken.body?.cancel();
    } finally {
      await running.close();
    }
    // A restart reads the file again and adds nothing twice.
    const again = await startFromEnv({
      ...base,
      BATON_PORT: '0',
      BATON_HOST: '127.0.0.1',
      BATON_DATA_DIR: dir,
      BATON_LOG_LEVEL: 'silent',
      BATON_SLOTS_FILE: slotsFile,
    });
    try {
      const staff = (roles: ('agent' | 'admin')[]) =>
        issueStaffToken(
          { staffId: `s-${roles[0]}`, displayName: 'Admin', roles },
          {
            signing: { kind: 'secret', secret: base.BATON_AGENT_JWT_SECRET },
            issuer: 'baton',
            audience: 'baton-agent-console',
          },
        );
      const agentOnly = await fetch(`${again.url}/api/admin/slots`, {
        headers: { authorization: `Bearer ${await staff(['agent'])}` },
      });
      expect(agentOnly.status).toBe(403);
      await agentOnly.body?.cancel();
      const admin = { authorization: `Bearer ${await staff(['admin'])}` };
      const listed = (await (
        await fetch(`${again.url}/api/admin/slots`, { headers: admin })
      ).json()) as {
        slots: { id: string; label: string | null; service: string | null; booked: boolean }[];
      };
      expect(listed.slots).toHaveLength(2);
      expect(listed.slots[0]).toMatchObject({ label: 'Dr. Osei', service: null, booked: false });
      expect(listed.slots[1]).toMatchObject({ id: 'fixed-1', service: 'general' });
      const added = await fetch(`${again.url}/api/admin/slots`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          slots: [
            {
              id: 'fixed-1',
              start: new Date(start).toISOString(),
              end: new Date(start + 60_000).toISOString(),
            },
            {
              id: 'new-1',
              start: new Date(start + 7_200_000).toISOString(),
              end: new Date(start + 8_400_000).toISOString(),
            },
          ],
        }),
      });
      expect(await added.json()).toEqual({ added: 1, skipped: 1 });
      const bad = await fetch(`${again.url}/api/admin/slots`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ slots: [{ start: 'tomorrow', end: 'later' }] }),
      });
      expect(bad.status).toBe(400);
      await bad.body?.cancel();
    } finally {
      await again.close();
    }
  });
});
