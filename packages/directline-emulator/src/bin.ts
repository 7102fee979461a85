#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDirectLineEmulator } from './emulator.js';
import { DirectLineEmulatorError } from './errors.js';
import type { DirectLineEmulatorOptions, EscalationSignal } from './options.js';

const usage = `baton-directline — a local Direct Line 3.0 service (Health Bot simulator or bot channel)

Options (environment variable in brackets):
  --port N               port to listen on, 0 = any free port   [BATON_DL_PORT]   (default 3000)
  --host HOST            interface to listen on                 [BATON_DL_HOST]   (default 127.0.0.1)
  --secret SECRET        the Direct Line secret                 [BATON_DL_SECRET] (default: random)
  --scenarios DIR        simulator scenario folder              [BATON_DL_SCENARIOS]
  --bot URL              channel mode: the bot's messaging endpoint [BATON_DL_BOT]
  --token-ttl SECONDS    Direct Line token lifetime             [BATON_DL_TOKEN_TTL] (default 1800)
  --patient-key KEY      HS256 secret or PEM public key for InitConversation's JWT [BATON_DL_PATIENT_KEY]
  --escalate-via LIST    handoffInitiate,escalateTag,customEvent or all [BATON_DL_ESCALATE_VIA]
  --typing-delay MS      pause after typing indicators          [BATON_DL_TYPING_DELAY] (default 400)
  --trusted-origins LIST origins tokens may be generated for     [BATON_DL_TRUSTED_ORIGINS]
  --help                 show this help
`;

function numberOf(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

function parseCli(argv: string[], env: NodeJS.ProcessEnv): DirectLineEmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      secret: { type: 'string' },
      scenarios: { type: 'string' },
      bot: { type: 'string' },
      'token-ttl': { type: 'string' },
      'patient-key': { type: 'string' },
      'escalate-via': { type: 'string' },
      'typing-delay': { type: 'string' },
      'trusted-origins': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const via = values['escalate-via'] ?? env.BATON_DL_ESCALATE_VIA;
  const origins = values['trusted-origins'] ?? env.BATON_DL_TRUSTED_ORIGINS;
  return {
    port: numberOf('--port', values.port ?? env.BATON_DL_PORT) ?? 3000,
    host: values.host ?? env.BATON_DL_HOST,
    secret: values.secret ?? env.BATON_DL_SECRET,
    scenarios: values.scenarios ?? env.BATON_DL_SCENARIOS,
    bot: values.bot ?? env.BATON_DL_BOT,
    tokenTtlSeconds: numberOf('--token-ttl', values['token-ttl'] ?? env.BATON_DL_TOKEN_TTL),
    patientTokenKey: values['patient-key'] ?? env.BATON_DL_PATIENT_KEY,
    escalateVia: via ? (via.split(',').map((s) => s.trim()) as EscalationSignal[]) : undefined,
    typingDelayMs:
      numberOf('--typing-delay', values['typing-delay'] ?? env.BATON_DL_TYPING_DELAY) ?? 400,
    ...(origins && {
      trustedOrigins: origins
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  };
}

async function main(): Promise<void> {
  let options: DirectLineEmulatorOptions | 'help';
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`baton-directline: ${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(usage);
    return;
  }
  const emulator = await startDirectLineEmulator(options);
  process.stdout.write(
    `Direct Line emulator (${emulator.mode}) listening on ${emulator.url}\n` +
      `  domain: ${emulator.url}/v3/directline\n` +
      `  secret: ${emulator.secret}\n`,
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = DirectLineEmulatorError.is(error)
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`baton-directline: ${message}\n`);
  process.exit(1);
});
