import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Every log line the process printed (JSON from pino). */
  lines: string[];
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Runs `src/bin.ts` in a child process (tsx, `source` condition) and waits for "listening". */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/bin.ts'], {
    cwd: PACKAGE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      BATON_PORT: '0',
      BATON_HOST: '127.0.0.1',
      // The test requests name the cardiology department: a rule lets it be the queue.
      BATON_ROUTING: JSON.stringify({ departmentQueues: ['cardiology'] }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start: ${lines.join('\n')}`)),
      20_000,
    );
    const fail = () => {
      clearTimeout(timer);
      reject(new Error(`server exited: ${lines.join('\n')}`));
    };
    child.once('exit', fail);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'listening' && entry.port) {
            clearTimeout(timer);
            child.off('exit', fail);
            resolve(entry.port);
          }
        } catch {
          // not JSON (stderr text)
        }
      });
    }
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    lines,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
