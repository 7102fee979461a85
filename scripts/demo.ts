/**
 * `npm start`: the whole of Baton on one machine with embedded defaults.
 *
 * - a patient portal page with the chat widget, talking to the Direct Line emulator's
 *   Health Bot simulator (http://127.0.0.1:8080/);
 * - the handoff server with SQLite under ./data and no Redis, serving the agent console
 *   (http://127.0.0.1:8081/console/), with development sign-in for four demo users and seeded agent content.
 *
 * Ports: BATON_DEMO_PORTAL_PORT (8080) and BATON_DEMO_SERVER_PORT (8081). The agent grace
 * period is short so a visitor sees it end (BATON_AGENT_GRACE_SECONDS, 20 s here, 60 s by
 * default in a deployment).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import { hashPassword, startFromEnv } from '@baton/handoff-server';
import { startScriptTagPortal } from '../examples/script-tag/server';
import { buildConsoleApp } from '../packages/agent-console/scripts/build';
import { writeDemoContent } from './demo-content';
import { seedDemoHistory } from './demo-history';
import { startDemoMailCatcher } from './demo-mail';
import { writeDemoSlots } from './demo-slots';

const portalPort = Number(process.env.BATON_DEMO_PORTAL_PORT ?? 8080);
const serverPort = Number(process.env.BATON_DEMO_SERVER_PORT ?? 8081);
const dataDir = resolve(process.env.BATON_DATA_DIR ?? 'data');
const DEMO_PASSWORD = 'baton-demo';
/** Long enough for a reload, short enough to watch a patient go back to the queue. */
const graceSeconds = process.env.BATON_AGENT_GRACE_SECONDS ?? '20';

/** A secret kept beside the data so a restarted demo still accepts its own tokens. */
function demoSecret(name: string): string {
  const file = join(dataDir, `demo-${name}.secret`);
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function writeDemoUsers(file: string): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Display names are what patients read ("You are chatting with Amélie Roux"): no roles.
  const users = [
    { username: 'amelie', displayName: 'Amélie Roux', roles: ['agent'], queues: ['general'] },
    { username: 'bruno', displayName: 'Bruno Diaz', roles: ['agent'], queues: ['general'] },
    {
      username: 'sam',
      displayName: 'Sam Okafor',
      roles: ['agent', 'supervisor'],
      clinical: true,
      queues: ['general'],
    },
    { username: 'ada', displayName: 'Ada Lovelace', roles: ['admin'], queues: [] },
    // The administrator: undelivered appointment reminders (Reminders screen), with retry.
    { username: 'nora', displayName: 'Nora Admin', roles: ['admin'], queues: [] },
  ].map((u) => ({ ...u, passwordHash }));
  writeFileSync(file, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  console.log('Building the agent console…');
  await buildConsoleApp();
  const usersFile = join(dataDir, 'demo-users.json');
  await writeDemoUsers(usersFile);
  const contentFile = join(dataDir, 'demo-content.json');
  writeDemoContent(contentFile);
  const slotsFile = join(dataDir, 'demo-slots.json');
  const slotCount = writeDemoSlots(slotsFile);

  const patientSecret = demoSecret('patient-jwt');
  const serverOrigin = `http://127.0.0.1:${serverPort}`;
  const portalOrigins = [`http://127.0.0.1:${portalPort}`, `http://localhost:${portalPort}`];
  const mailDir = join(dataDir, 'demo-mail');
  const mail = await startDemoMailCatcher(mailDir);
  const server = await startFromEnv({
    BATON_HOST: '127.0.0.1',
    BATON_PORT: String(serverPort),
    BATON_DATA_DIR: dataDir,
    BATON_PATIENT_JWT_SECRET: patientSecret,
    BATON_AGENT_JWT_SECRET: demoSecret('staff-jwt'),
    BATON_DEV_SIGNIN: 'true',
    BATON_DEV_USERS_FILE: usersFile,
    BATON_CONTENT_FILE: contentFile,
    BATON_CONSOLE_DIR: consoleAssetsDir(),
    BATON_ALLOWED_ORIGINS: [...portalOrigins, serverOrigin, `http://localhost:${serverPort}`].join(
      ',',
    ),
    BATON_SURVEY_ON_END: 'true',
    BATON_FALLBACKS: 'leave-message,callback,appointment',
    BATON_AGENT_GRACE_SECONDS: graceSeconds,
    // Out of hours and the unstaffed fallback delay, to try them on the demo (see README).
    BATON_BUSINESS_HOURS: process.env.BATON_BUSINESS_HOURS,
    BATON_BUSINESS_HOURS_FILE: process.env.BATON_BUSINESS_HOURS_FILE,
    BATON_UNSTAFFED_FALLBACK_SECONDS: process.env.BATON_UNSTAFFED_FALLBACK_SECONDS,
    BATON_LOG_LEVEL: process.env.BATON_LOG_LEVEL ?? 'warn',
    // Appointment reminders by e-mail, caught locally (see demo-mail.ts), and calls on Jitsi.
    BATON_SMTP_URL: process.env.BATON_SMTP_URL ?? mail.url,
    BATON_SMTP_FROM: process.env.BATON_SMTP_FROM ?? '"Baton Demo Clinic" <appointments@demo.baton>',
    BATON_REMINDER_ORGANIZATION: 'Baton Demo Clinic',
    // Every demo slot is within the lead: a booking's reminder is e-mailed at once.
    BATON_REMINDER_LEAD_MINUTES: process.env.BATON_REMINDER_LEAD_MINUTES ?? String(10 * 24 * 60),
    BATON_REMINDER_TIME_ZONE: process.env.BATON_REMINDER_TIME_ZONE ?? 'Europe/Paris',
    BATON_CALL_PROVIDER: process.env.BATON_CALL_PROVIDER ?? 'url-template',
    BATON_CALL_URL_TEMPLATE:
      process.env.BATON_CALL_URL_TEMPLATE ?? 'https://meet.jit.si/baton-demo-{random}',
    // A week of appointment slots, and signed cancel/reschedule links served by this server.
    BATON_SLOTS_FILE: slotsFile,
    BATON_PUBLIC_URL: serverOrigin,
    BATON_APPOINTMENT_LINK_SECRET: demoSecret('appointment-links'),
  });
  // The Analytics view has a morning to show (once per data folder).
  await seedDemoHistory(server.server.engine.store);
  const portal = await startScriptTagPortal(portalPort, {
    serverUrl: serverOrigin,
    tokenSecret: patientSecret,
    // The demo patient's address from the portal's records: reminders land in demo-mail/.
    patientContact: { email: 'alex@demo.baton', timeZone: 'Europe/Paris' },
  });

  console.log(`
Baton demo is running.

  Patient portal:  ${portal.url}
                   open the chat; type "agent" (or "I want to talk to a person") to hand over,
                   or describe chest pain to see the emergency path; answer the symptom
                   card first and the agent sees your answers; hand over a second time
                   and the agent's patient panel lists the earlier conversation.
  Agent console:   ${serverOrigin}/console/
                   sign in as amelie or bruno (agents), sam (supervisor: dashboard and
                   Analytics) or ada (administrator: canned responses, scripts, articles,
                   macros, business hours, retention, escalation settings, audit; nora
                   too: undelivered reminders, with retry), password ${DEMO_PASSWORD};
                   an agent who closes the console has ${graceSeconds} s to come back before
                   her patients go back to the front of the queue; during a chat, offer
                   free slots or start a call, transfer, consult a colleague, and wrap up
                   with a disposition when ending
  Reminder e-mails: ${mailDir} (.eml files, caught locally; nothing is sent out; the
                   demo patient's address comes signed from the portal, and a booking's
                   reminder is written at once: open its Reschedule/Cancel link)
  Appointments:    ${slotCount} slots in the coming week (the "appointment" fallback books one;
                   Change / Cancel under the confirmation)
  Data:            ${dataDir} (SQLite; delete the folder to start afresh)

Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await portal.close();
    await server.close();
    await mail.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error('The demo could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
