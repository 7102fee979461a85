import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationStore } from '../../src/storage/contract';
import { generateEncryptionKey, type KeyRingConfig } from '../../src/storage/crypto';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import type { MessageRecord } from '../../src/storage/records';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import type { TestPostgres } from '../support/postgres';
import { PATIENT_ISSUER, STAFF_ISSUER, type TestSecrets } from '../support/server';

/** Where the server children keep their data, and how the test reads it directly. */
export interface FaultBackend {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  /** A store on the same data, opened in the test process (close it). */
  open(): Promise<ConversationStore>;
  cleanup(): void;
}

export function backendFor(
  name: FaultBackend['name'],
  secrets: TestSecrets,
  postgresUrl?: string,
): FaultBackend {
  const dataDir = mkdtempSync(join(tmpdir(), `baton-fault-${name}-`));
  const key = generateEncryptionKey();
  const keyRing: KeyRingConfig = { activeKeyId: 'k1', keys: { k1: key } };
  const env: Record<string, string> = {
    BATON_DATA_DIR: dataDir,
    BATON_ENCRYPTION_KEYS: `k1=${key}`,
    BATON_PATIENT_JWT_SECRET: secrets.patient,
    BATON_PATIENT_JWT_ISSUER: PATIENT_ISSUER.issuer,
    BATON_PATIENT_JWT_AUDIENCE: PATIENT_ISSUER.audience,
    BATON_AGENT_JWT_SECRET: secrets.staff,
    BATON_AGENT_JWT_ISSUER: STAFF_ISSUER.issuer,
    BATON_AGENT_JWT_AUDIENCE: STAFF_ISSUER.audience,
    BATON_RATE_LIMIT_BURST: '1000',
    BATON_RATE_LIMIT_PER_SECOND: '1000',
    BATON_LOG_LEVEL: 'info',
    BATON_TIMER_POLL_MS: '100',
    ...(postgresUrl ? { BATON_DATABASE_URL: postgresUrl } : {}),
  };
  return {
    name,
    env,
    async open() {
      return postgresUrl
        ? PostgresConversationStore.open({ connectionString: postgresUrl, keyRing })
        : new SqliteConversationStore({ filename: join(dataDir, 'baton.db'), keyRing });
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A fresh database on the shared test cluster, or none for SQLite. */
export async function databaseFor(
  name: FaultBackend['name'],
  postgres: TestPostgres | undefined,
): Promise<string | undefined> {
  return name === 'postgres' ? postgres!.createDatabase() : undefined;
}

/** The event type of a log record, or null for a chat message. */
export function eventType(record: MessageRecord): string | null {
  try {
    const body = JSON.parse(record.body) as { kind?: string; event?: { type?: string } };
    return body.kind === 'event' ? (body.event?.type ?? null) : null;
  } catch {
    return null;
  }
}

export async function countEvents(
  store: ConversationStore,
  conversationId: string,
  type: string,
): Promise<number> {
  const log = await store.listMessages(conversationId);
  return log.filter((record) => eventType(record) === type).length;
}

/** Polls `check` until it holds (bounded). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
