import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFromEnv } from '@baton/handoff-server';
import { afterEach, describe, expect, it } from 'vitest';

// BATON_AGENT_RETURN_SECONDS: how long a console cut for a reassignment has to come back
// (the `agent-return` deadline), from `baton-server`'s environment.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function returnWindow(extra: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'baton-agent-return-'));
  dirs.push(dir);
  const running = await startFromEnv({
    BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
    BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
    BATON_ENCRYPTION_KEYS: `k1=${Buffer.alloc(32, 7).toString('base64')}`,
    BATON_PORT: '0',
    BATON_HOST: '127.0.0.1',
    BATON_DATA_DIR: dir,
    BATON_LOG_LEVEL: 'silent',
    ...extra,
  });
  try {
    return running.server.engine.timeouts.agentReturnMs;
  } finally {
    await running.close();
  }
}

describe('BATON_AGENT_RETURN_SECONDS', () => {
  it('defaults to 15 s and takes the operator’s value', async () => {
    expect(await returnWindow({})).toBe(15_000);
    expect(await returnWindow({ BATON_AGENT_RETURN_SECONDS: '40' })).toBe(40_000);
    await expect(returnWindow({ BATON_AGENT_RETURN_SECONDS: '0' })).rejects.toThrow(
      /BATON_AGENT_RETURN_SECONDS/,
    );
  });
});
