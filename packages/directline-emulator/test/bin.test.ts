import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startTestBot } from './support/botbuilderBot.js';
import { call, startWithSecret } from './support/raw.js';

// The `baton-directline` bin, run from source through tsx, driven over HTTP.
const binPath = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const children: ChildProcess[] = [];
const bots: RunningBot[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  for (const bot of bots.splice(0)) await bot.close();
});

async function runBin(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [tsxCli, binPath, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  return new Promise<{ url: string; secret: string; out: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bin did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const secret = /secret: (\S+)/.exec(out)?.[1];
      if (url && secret) {
        clearTimeout(timer);
        resolve({ url, secret, out });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bin exited with ${code}: ${err}`));
    });
  });
}

describe('baton-directline bin', () => {
  it('prints its URL and secret, and honours --token-ttl and --secret', async () => {
    const { url, secret, out } = await runBin([
      '--port',
      '0',
      '--secret',
      'bin-test-secret',
      '--token-ttl',
      '7',
    ]);
    expect(out).toContain('(simulator)');
    expect(secret).toBe('bin-test-secret');
    const started = await startWithSecret(url, secret);
    expect(started.expires_in).toBe(7);
    const fault = await call(url, 'POST', '/emulator/faults', {
      auth: secret,
      json: { action: 'fail', status: 429, route: 'activities' },
    });
    expect(fault.status).toBe(200);
    const throttled = await call(
      url,
      'POST',
      `/v3/directline/conversations/${started.conversationId}/activities`,
      {
        auth: started.token,
        json: { type: 'message', text: 'hi' },
      },
    );
    expect(throttled.status).toBe(429);
  });

  it('reads environment variables and runs in channel mode in front of a botbuilder bot', async () => {
    const bot = await startTestBot();
    bots.push(bot);
    const { url, secret, out } = await runBin([], {
      BATON_DL_PORT: '0',
      BATON_DL_BOT: bot.endpoint,
      BATON_DL_SECRET: 'env-secret-123',
      BATON_DL_TRUSTED_ORIGINS: 'https://portal.example.org, http://localhost:5173',
    });
    expect(out).toContain('(channel)');
    expect(secret).toBe('env-secret-123');
    const outside = await call(url, 'POST', '/v3/directline/tokens/generate', {
      auth: secret,
      json: { trustedOrigins: ['https://elsewhere.example'] },
    });
    expect(outside.status).toBe(403);
    const { conversationId, token } = await startWithSecret(url, secret);
    await call(url, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      auth: token,
      json: { type: 'message', text: 'from the bin' },
    });
    const listed = await call(
      url,
      'GET',
      `/v3/directline/conversations/${conversationId}/activities`,
      { auth: token },
    );
    expect(listed.body.activities.map((a: { text?: string }) => a.text)).toContain(
      'echo: from the bin',
    );
  });

  it('fails clearly on a bad option', async () => {
    await expect(runBin(['--port', 'abc'])).rejects.toThrow(/--port must be a number/);
    await expect(runBin(['--scenarios', '/nonexistent/folder'])).rejects.toThrow(/InvalidScenario/);
  });
});
