import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage, patientMessage, type Slot } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAppointmentLink } from '../../src/engine/followups/appointment-links';
import { generateEncryptionKey } from '../../src/storage/crypto';
import { type ChildServer, startChildServer } from '../support/child-server';
import { seedSchedule, startFhirServer } from '../support/fhir';
import { handoffRequestFrame } from '../support/frames';
import { eventually } from '../support/recording';
import {
  connectAgent,
  connectPatient,
  PATIENT_ISSUER,
  STAFF_ISSUER,
  testSecrets,
  tokensFor,
} from '../support/server';
import { startSmtpSink } from './smtp-sink';

// A reminder of an appointment booked on a FHIR server survives the death of the node that
// planned it (kill -9 before it was due): the plan is a row in the database, the restarted
// node sends it once, and its links name the FHIR Appointment (not the slot), so the page of
// the link finds the appointment and offers other times.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const LEAD_MINUTES = 60;
const DUE_IN_MS = 12_000;
const LINK_SECRET = 'l'.repeat(40);

describe('FHIR appointment reminders across kill -9', () => {
  it('planned on a node that dies, sent once by the restarted node, with the Appointment id', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-fhir-reminder-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const fhir = await startFhirServer({ bearerToken: 'fhir-token-r' });
    cleanups.push(() => fhir.close());
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const env = {
      BATON_DATA_DIR: dataDir,
      BATON_ENCRYPTION_KEYS: `k1=${generateEncryptionKey()}`,
      BATON_PATIENT_JWT_SECRET: secrets.patient,
      BATON_PATIENT_JWT_ISSUER: PATIENT_ISSUER.issuer,
      BATON_PATIENT_JWT_AUDIENCE: PATIENT_ISSUER.audience,
      BATON_AGENT_JWT_SECRET: secrets.staff,
      BATON_AGENT_JWT_ISSUER: STAFF_ISSUER.issuer,
      BATON_AGENT_JWT_AUDIENCE: STAFF_ISSUER.audience,
      BATON_LOG_LEVEL: 'info',
      BATON_SCHEDULING: 'fhir',
      BATON_FHIR_BASE_URL: fhir.baseUrl,
      BATON_FHIR_AUTH: 'bearer',
      BATON_FHIR_BEARER_TOKEN: 'fhir-token-r',
      BATON_REMINDER_LEAD_MINUTES: String(LEAD_MINUTES),
      BATON_SMTP_URL: sink.url,
      BATON_SMTP_FROM: 'rdv@clinic.example',
      BATON_PUBLIC_URL: 'https://chat.clinic.example',
      BATON_APPOINTMENT_LINK_SECRET: LINK_SECRET,
    };
    const first: ChildServer = await startChildServer(env);
    cleanups.push(() => first.kill('SIGKILL'));

    // The appointment starts just over the lead time from now: its reminder is due in 12 s.
    const firstStart = Date.now() + LEAD_MINUTES * 60_000 + DUE_IN_MS;
    const { slotIds } = await seedSchedule(fhir, {
      practitioner: 'Dr. Osei',
      firstStart,
      count: 2,
    });
    const slot: Slot = {
      resourceType: 'Slot',
      id: slotIds[0]!,
      status: 'free',
      start: new Date(firstStart).toISOString(),
      end: new Date(firstStart + 30 * 60_000).toISOString(),
      schedule: { display: 'Dr. Osei' },
    };
    const patient = await connectPatient(
      first.url,
      await tokens.patient('pat-f', undefined, {
        attributes: [
          { key: 'email', value: 'robin@example.org', displayable: true, clinical: false },
        ],
      }),
    );
    const agent = await connectAgent(first.url, await tokens.staff('agent-1'));
    cleanups.push(() => {
      patient.close();
      agent.close();
    });
    patient.send(handoffRequestFrame('conv-f'));
    await patient.waitFor('handoff.queued');
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-f' }));
    await patient.waitFor('agent.joined');
    agent.send(
      agentMessage('appointment.offer', {
        conversationId: 'conv-f',
        clientMessageId: 'ao-f',
        offer: { offerId: 'offer-f', slots: [slot] },
      }),
    );
    await patient.waitFor('appointment.offer');
    patient.send(
      patientMessage('appointment.select', {
        conversationId: 'conv-f',
        clientMessageId: 'as-f',
        offerId: 'offer-f',
        slotId: slot.id,
      }),
    );
    const confirmed = await patient.waitFor('appointment.confirmed');
    const appointmentId = confirmed.appointment.id as string;
    expect(appointmentId).toBeTruthy();
    expect(appointmentId).not.toBe(slot.id);
    // Booked; the node dies before the reminder is due.
    expect(Date.now()).toBeLessThan(firstStart - LEAD_MINUTES * 60_000);
    await first.kill('SIGKILL');
    expect(sink.messages).toHaveLength(0);
    patient.close();
    agent.close();

    const second: ChildServer = await startChildServer(env);
    cleanups.push(() => second.kill('SIGKILL'));
    await eventually(() => sink.messages.length === 1, DUE_IN_MS + 45_000).catch((error) => {
      // What the restarted node logged (JSON lines: ids and codes, no content).
      throw new Error(`no reminder after the restart: ${second.lines.slice(-20).join('\n')}`, {
        cause: error,
      });
    });
    const mail = sink.messages[0]!;
    expect(sink.recipients[0]).toEqual(['robin@example.org']);
    const text = mail.text ?? '';
    const link = /https:\/\/chat\.clinic\.example\/appointments\/reschedule\?t=([\w.-]+)/.exec(
      text,
    );
    expect(link).not.toBeNull();
    const claims = verifyAppointmentLink(
      { publicUrl: 'https://chat.clinic.example', secret: LINK_SECRET },
      link![1]!,
    );
    expect(claims).toMatchObject({
      action: 'reschedule',
      conversationId: 'conv-f',
      patientId: 'pat-f',
      appointmentId,
    });
    // The link's page on the restarted node finds the FHIR appointment and offers the other slot.
    const page = await fetch(`${second.url}/appointments/reschedule?t=${link![1]}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Change your appointment');
    expect(html).not.toContain('already cancelled or moved');
    expect(html).toContain(slotIds[1]);

    // Exactly once: the restarted node, having sent it, logs it sent once; a third start (the
    // plan row gone, the claim kept) sends nothing more before its own outbox is idle.
    await second.kill('SIGKILL');
    const third: ChildServer = await startChildServer(env);
    cleanups.push(() => third.kill('SIGKILL'));
    const again = await fetch(`${third.url}/appointments/reschedule?t=${link![1]}`);
    expect(again.status).toBe(200);
    expect(sink.messages).toHaveLength(1);
  }, 150_000);
});
