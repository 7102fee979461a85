/**
 * `npm start`: the whole of Baton on one machine with embedded defaults.
 *
 * - a patient portal page with the chat widget, talking to the Direct Line emulator's
 *   Health Bot simulator (http://127.0.0.1:8080/);
 * - the handoff server with SQLite under ./data and no Redis, serving the agent console
 *   (http://127.0.0.1:8081/console/), with development sign-in for three demo users.
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
import { seedDemoHistory } from './demo-history';

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
    { username: 'ada', displayName: 'Ada Laurent', roles: ['admin'], queues: [] },
  ].map((u) => ({ ...u, passwordHash }));
  writeFileSync(file, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  console.log('Building the agent console…');
  await buildConsoleApp();
  const usersFile = join(dataDir, 'demo-users.json');
  await writeDemoUsers(usersFile);

  const patientSecret = demoSecret('patient-jwt');
  const serverOrigin = `http://127.0.0.1:${serverPort}`;
  const portalOrigins = [`http://127.0.0.1:${portalPort}`, `http://localhost:${portalPort}`];
  const server = await startFromEnv({
    BATON_HOST: '127.0.0.1',
    BATON_PORT: String(serverPort),
    BATON_DATA_DIR: dataDir,
    BATON_PATIENT_JWT_SECRET: patientSecret,
    BATON_AGENT_JWT_SECRET: demoSecret('staff-jwt'),
    BATON_DEV_SIGNIN: 'true',
    BATON_DEV_USERS_FILE: usersFile,
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
  });
  // The Analytics view has a morning to show (once per data folder).
  await seedDemoHistory(server.server.engine.store);
  const portal = await startScriptTagPortal(portalPort, {
    serverUrl: serverOrigin,
    tokenSecret: patientSecret,
  });

  console.log(`
Baton demo is running.

  Patient portal:  ${portal.url}
                   open the chat; type "agent" (or "I want to talk to a person") to hand over,
                   or describe chest pain to see the emergency path.
  Agent console:   ${serverOrigin}/console/
                   sign in as amelie or bruno (agents), sam (supervisor: Analytics) or ada
                   (administrator: business hours, retention, escalation settings, audit),
                   password ${DEMO_PASSWORD};
                   an agent who closes the console has ${graceSeconds} s to come back before
                   her patients go back to the front of the queue
  Data:            ${dataDir} (SQLite; delete the folder to start afresh)

Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await portal.close();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error('The demo could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
