import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFromEnv } from '@baton/handoff-server';
import { afterEach, describe, expect, it } from 'vitest';

// BATON_LOG_FILE: the JSON lines go to a file (the demo keeps its terminal for people).
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('BATON_LOG_FILE', () => {
  it('appends the log lines to the file, creating its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-log-file-'));
    dirs.push(dir);
    const logFile = join(dir, 'logs', 'baton-server.log');
    const env = {
      BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
      BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
      BATON_PORT: '0',
      BATON_HOST: '127.0.0.1',
      BATON_DATA_DIR: join(dir, 'data'),
      BATON_LOG_LEVEL: 'warn',
      BATON_LOG_FILE: logFile,
    };
    // No encryption keys: the server warns that it uses a development key.
    const first = await startFromEnv(env);
    await first.close();
    expect(existsSync(logFile)).toBe(true);
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    const warning = JSON.parse(lines[0]!) as { level: number; msg: string };
    expect(warning.level).toBe(40);
    expect(warning.msg).toMatch(/BATON_ENCRYPTION_KEYS not set/);
    // A restart appends: the first run's lines stay.
    const again = await startFromEnv(env);
    await again.close();
    const after = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(after.length).toBeGreaterThan(lines.length);
    expect(after[0]).toBe(lines[0]);
  });
});
