import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for one test file: initdb into a temp folder, pg_ctl start
 * on 127.0.0.1 with a free port and trust auth, one fresh database per `createDatabase`.
 * Needs the Debian `postgresql` package (binaries under /usr/lib/postgresql/<v>/bin), or
 * BATON_PG_BIN pointing at a folder with initdb and pg_ctl.
 */
export interface TestPostgres {
  /** Connection string of the maintenance database. */
  url: string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: connections are cut), keeping its data. */
  pause(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export function findPostgresBin(): string | null {
  const fromEnv = process.env.BATON_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Skip locally when PostgreSQL is missing; with CI=true never skip (the test then fails). */
export const skipWithoutPostgres = findPostgresBin() === null && process.env.CI !== 'true';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `durable: true` (benchmarks) keeps PostgreSQL's defaults: fsync on, synchronous commit,
 * full page writes. Tests run without them (faster; nothing there survives a power cut).
 */
export async function startPostgres(options_: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL binaries not found: apt-get install postgresql (or set BATON_PG_BIN)',
    );
  }
  const isRoot = process.getuid?.() === 0;
  const asOwner = async (command: string, args: string[]) => {
    const file = join(bin, command);
    return isRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
  };
  const dir = await mkdtemp(join(tmpdir(), 'baton-pg-'));
  const data = join(dir, 'data');
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  let started = false;
  let options = '';
  const startServer = () =>
    asOwner('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  const stop = async () => {
    if (started) {
      started = false;
      await asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await asOwner('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      ...(options_.durable
        ? []
        : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
      '-c max_connections=100',
    ].join(' ');
    await startServer();
    started = true;
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let counter = 0;
  return {
    url,
    async createDatabase() {
      counter += 1;
      const name = `baton_test_${counter}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async pause() {
      await asOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      started = false;
    },
    async resume() {
      await startServer();
      started = true;
    },
    stop,
  };
}
