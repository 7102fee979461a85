import { readFileSync } from 'node:fs';
import { generateEncryptionKey, PostgresConversationStore } from '@baton/handoff-server';
import pg from 'pg';
import { startPostgres } from '../packages/handoff-server/test/support/postgres';

// The PostgreSQL store's share of the acked path alone, without sockets: each of
// --conversations conversations reads itself (the authorization read) then appends, in
// rounds, the way the engine's per-conversation lock runs them. Prints this process's CPU
// and PostgreSQL's CPU (every backend of the throwaway durable cluster) per message:
//   npx tsx --conditions=source bench/pg-store.ts [--conversations 200] [--rounds 50]
// Without --conditions=source it runs the built dist/ (A/B: swap dist between runs).

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const CONVERSATIONS = arg('conversations', 200);
const ROUNDS = arg('rounds', 50);

function ticks(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return total * 10; // ms (CLK_TCK = 100)
}

let statements = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

async function main(): Promise<void> {
  const server = await startPostgres({ durable: true });
  const url = await server.createDatabase();
  if (process.env.PG_SETTING) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `ALTER DATABASE ${new URL(url).pathname.slice(1)} SET ${process.env.PG_SETTING}`,
    );
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const store = await PostgresConversationStore.open({
    pool,
    keyRing: { activeKeyId: 'k1', keys: { k1: generateEncryptionKey() } },
  });
  try {
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `bench-${i}`);
    for (const id of ids) await store.createConversation({ id, patientId: `p-${id}` });
    const message = (id: string, n: number) => ({
      clientMessageId: `${id}-${n}`,
      from: 'patient' as const,
      senderId: `p-${id}`,
      body: JSON.stringify({ kind: 'chat', text: `message ${n} of a patient, about this long` }),
    });
    const chat = async (id: string, from: number, to: number) => {
      for (let n = from; n < to; n += 1) {
        const conversation = await store.getConversation(id);
        if (!conversation) throw new Error('missing');
        await store.appendMessage(id, message(id, n));
      }
    };
    await Promise.all(ids.map((id) => chat(id, 0, 5))); // warm: hints, named statements
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const { rows } = await watcher.query<{ pid: number }>('SELECT pid FROM pg_stat_activity');
    const pids = rows.map((r) => r.pid);
    const pgBefore = ticks(pids);
    const cpuBefore = process.cpuUsage();
    const statementsBefore = statements;
    const started = performance.now();
    await Promise.all(ids.map((id) => chat(id, 5, 5 + ROUNDS)));
    const elapsed = performance.now() - started;
    const sent = statements - statementsBefore;
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = ticks(pids) - pgBefore;
    await watcher.end();
    const total = CONVERSATIONS * ROUNDS;
    const per = (ms: number) => `${((ms * 1000) / total).toFixed(1)} µs`;
    console.log(
      `${total} messages in ${elapsed.toFixed(0)} ms (${((total / elapsed) * 1000).toFixed(0)}/s); ` +
        `node CPU ${per((cpu.user + cpu.system) / 1000)}/msg; PostgreSQL CPU ${per(pgCpu)}/msg; ` +
        `${(sent / total).toFixed(3)} statements/msg`,
    );
  } finally {
    await store.close();
    await pool.end();
    await server.stop();
  }
}

void main();
