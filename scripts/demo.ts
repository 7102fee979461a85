/**
 * `npm start`: the whole of Baton on one machine with embedded defaults.
 *
 * - a clinic's patient portal (demo-portal/, http://127.0.0.1:8080/ and /fr/) with the chat
 *   widget, talking to the Direct Line emulator's Health Bot simulator or, with
 *   BATON_DIRECTLINE_SECRET, to a real bot (demo-bot.ts);
 * - the handoff server with SQLite under ./data and no Redis, serving the agent console
 *   (http://127.0.0.1:8081/console/), with development sign-in for the demo users and seeded
 *   agent content, slots and a morning of history.
 *
 * Ports: BATON_DEMO_PORTAL_PORT (8080) and BATON_DEMO_SERVER_PORT (8081). Every other BATON_*
 * setting is passed to the server over the demo's defaults (the agent grace period is 20 s
 * here so a visitor sees it end; 60 s by default in a deployment).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { consoleAssetsDir } from '@baton/agent-console/assets';
import {
  type ConversationStore,
  hashPassword,
  type StaffRole,
  startFromEnv,
} from '@baton/handoff-server';
import { buildConsoleApp } from '../packages/agent-console/scripts/build';
import { demoBanner } from './demo-banner';
import { startDemoBot } from './demo-bot';
import { writeDemoContent } from './demo-content';
import { seedDemoHistory } from './demo-history';
import { backdateDemoHistory } from './demo-history-times';
import { writeDemoBusinessHours } from './demo-hours';
import { startDemoMailCatcher } from './demo-mail';
import { startDemoPortal } from './demo-portal/server';
import { writeDemoSlots } from './demo-slots';
import { seedDemoEndSurvey } from './demo-survey';

const portalPort = Number(process.env.BATON_DEMO_PORTAL_PORT ?? 8080);
const serverPort = Number(process.env.BATON_DEMO_SERVER_PORT ?? 8081);
const dataDir = resolve(process.env.BATON_DATA_DIR ?? 'data');
const DEMO_PASSWORD = 'baton-demo';

/** A secret kept beside the data so a restarted demo still accepts its own tokens. */
function demoSecret(name: string): string {
  const file = join(dataDir, `demo-${name}.secret`);
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

// Display names are what patients read ("You are chatting with Amélie Roux"): no roles.
const DEMO_USERS: readonly {
  username: string;
  displayName: string;
  roles: StaffRole[];
  clinical?: boolean;
  queues: string[];
}[] = [
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
];

async function writeDemoUsers(file: string): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = DEMO_USERS.map((u) => ({ ...u, passwordHash }));
  writeFileSync(file, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The users file is the demo's identity provider: Administration → Agents lists everyone with
 * her roles and queues from it before her first sign-in (an administrator may override them).
 */
async function seedDemoStaff(store: ConversationStore): Promise<void> {
  for (const u of DEMO_USERS)
    if (!(await store.getStaffAssignment(u.username)))
      await store.noteStaffClaims(u.username, u.displayName, { roles: u.roles, queues: u.queues });
}

/** Settings of the demo itself, not of `baton-server`. */
const DEMO_ONLY = new Set([
  'BATON_DEMO_PORTAL_PORT',
  'BATON_DEMO_SERVER_PORT',
  'BATON_DIRECTLINE_DOMAIN',
  'BATON_HEALTHBOT_JWT_SECRET',
]);

/**
 * Every `BATON_*` setting in the environment reaches the server (docs/handoff-server.md), over
 * the demo's defaults; only where it listens and the portal's origins are the demo's.
 */
function passedThrough(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('BATON_') && !DEMO_ONLY.has(entry[0]) && entry[1] !== undefined,
    ),
  );
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
  const hoursFile = join(dataDir, 'demo-business-hours.json');
  writeDemoBusinessHours(hoursFile);

  const serverOrigin = `http://127.0.0.1:${serverPort}`;
  const portalOrigins = [`http://127.0.0.1:${portalPort}`, `http://localhost:${portalPort}`];
  const mailDir = join(dataDir, 'demo-mail');
  const mail = await startDemoMailCatcher(mailDir);
  const bot = await startDemoBot(process.env, demoSecret);
  const fromEnv = passedThrough(process.env);
  const serverEnv: Record<string, string | undefined> = {
    BATON_DATA_DIR: dataDir,
    BATON_PATIENT_JWT_SECRET: demoSecret('patient-jwt'),
    BATON_AGENT_JWT_SECRET: demoSecret('staff-jwt'),
    BATON_DEV_SIGNIN: 'true',
    BATON_DEV_USERS_FILE: usersFile,
    BATON_CONTENT_FILE: contentFile,
    BATON_CONSOLE_DIR: consoleAssetsDir(),
    BATON_SURVEY_ON_END: 'true',
    BATON_FALLBACKS: 'leave-message,callback,appointment',
    // Long enough for a reload, short enough to watch a patient go back to the queue.
    BATON_AGENT_GRACE_SECONDS: '20',
    // Logs at warn go to a file, not between the lines below.
    BATON_LOG_LEVEL: 'warn',
    BATON_LOG_FILE: join(dataDir, 'baton-server.log'),
    // Appointment reminders by e-mail, caught locally (see demo-mail.ts), and calls on Jitsi.
    BATON_SMTP_URL: mail.url,
    BATON_SMTP_FROM: '"Riverside Health (demo)" <appointments@riverside.test>',
    BATON_REMINDER_ORGANIZATION: 'Riverside Health',
    // Every demo slot is within the lead: a booking's reminder is e-mailed at once.
    BATON_REMINDER_LEAD_MINUTES: String(10 * 24 * 60),
    BATON_REMINDER_TIME_ZONE: 'Europe/Paris',
    // The organisation's zone: days of the analytics, business hours without a zone of their own.
    BATON_TIME_ZONE: process.env.BATON_TIME_ZONE || 'Europe/Paris',
    BATON_CALL_PROVIDER: 'url-template',
    BATON_CALL_URL_TEMPLATE: 'https://meet.jit.si/baton-demo-{random}',
    // A week of appointment slots, and signed cancel/reschedule links served by this server.
    BATON_SLOTS_FILE: slotsFile,
    BATON_PUBLIC_URL: serverOrigin,
    BATON_APPOINTMENT_LINK_SECRET: demoSecret('appointment-links'),
    // Open around the clock, editable in Administration (unless the environment sets hours).
    ...(process.env.BATON_BUSINESS_HOURS || process.env.BATON_BUSINESS_HOURS_FILE
      ? {}
      : { BATON_BUSINESS_HOURS_FILE: hoursFile }),
    // A real bot is muted while an agent has the conversation (Bot Framework handoff.status).
    ...(bot.kind === 'direct-line'
      ? {
          BATON_DIRECTLINE_ENDPOINT: bot.serverEndpoint,
          BATON_DIRECTLINE_SECRET: bot.directLineSecret,
        }
      : {}),
    ...fromEnv,
    BATON_HOST: '127.0.0.1',
    BATON_PORT: String(serverPort),
    BATON_ALLOWED_ORIGINS: [
      ...portalOrigins,
      serverOrigin,
      `http://localhost:${serverPort}`,
      ...(fromEnv.BATON_ALLOWED_ORIGINS ? [fromEnv.BATON_ALLOWED_ORIGINS] : []),
    ].join(','),
  };
  const server = await startFromEnv(serverEnv);
  await seedDemoStaff(server.server.engine.store);
  await seedDemoEndSurvey(server.server.engine.store);
  // The Analytics view has a morning to show (once per data folder).
  const history = await seedDemoHistory(server.server.engine.store);
  if (history) {
    await backdateDemoHistory(history, {
      dataDir,
      ...(serverEnv.BATON_DATABASE_URL ? { databaseUrl: serverEnv.BATON_DATABASE_URL } : {}),
    });
  }
  console.log('Building the patient widget…');
  const portal = await startDemoPortal({
    port: portalPort,
    bot,
    handoff: { serverUrl: serverOrigin, tokenSecret: serverEnv.BATON_PATIENT_JWT_SECRET! },
    cookieSecret: demoSecret('portal-cookie'),
  });

  console.log(
    demoBanner({
      portalUrl: portal.url,
      consoleUrl: `${serverOrigin}/console/`,
      password: DEMO_PASSWORD,
      graceSeconds: serverEnv.BATON_AGENT_GRACE_SECONDS ?? '60',
      queueTimeoutSeconds: serverEnv.BATON_QUEUE_TIMEOUT_SECONDS ?? '600',
      unstaffedFallbackSeconds: serverEnv.BATON_UNSTAFFED_FALLBACK_SECONDS ?? '5',
      businessHours:
        serverEnv.BATON_BUSINESS_HOURS_FILE === hoursFile
          ? 'open around the clock (ada: Administration → Business hours to narrow them)'
          : 'business hours from BATON_BUSINESS_HOURS[_FILE]',
      mailDir,
      slotCount,
      dataDir,
      logFile: serverEnv.BATON_LOG_FILE ?? '(standard output)',
      bot:
        bot.kind === 'emulator'
          ? "the Direct Line emulator's Health Bot simulator (BATON_DIRECTLINE_SECRET: a real bot)"
          : `Direct Line at ${bot.directLineDomain}`,
    }),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await portal.close();
    await bot.close();
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
