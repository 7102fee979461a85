#!/usr/bin/env node
import { startFromEnv } from './ops/start';

// `baton-server`: configured by environment variables (docs/handoff-server.md).
async function main(): Promise<void> {
  const running = await startFromEnv(process.env);
  const timeoutSec = Number(process.env.BATON_SHUTDOWN_TIMEOUT_SECONDS ?? 25);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.server.logger.info({ signal }, 'signal received');
    const force = setTimeout(() => process.exit(1), timeoutSec * 1000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const name = error instanceof Error ? error.message : 'unknown error';
  console.error(`baton-server failed to start: ${name}`);
  process.exit(1);
});
