import pg from 'pg';
import { ComposedConversationStore, type StoreParts } from '../composed';
import { FieldCipher, type KeyRingConfig } from '../crypto';
import type { AuditClockOptions } from '../shared';
import { postgresAgentWork } from './agent-work';
import { postgresAgentsAndScripts } from './agents-scripts';
import { postgresAuditAndRetention } from './audit-retention';
import type { PostgresContext } from './context';
import { postgresConversations } from './conversations';
import { migratePostgres } from './migrations';
import { postgresQueues } from './queues';
import { postgresSurveysAndAppointments } from './surveys-appointments';

export interface PostgresStoreOptions extends AuditClockOptions {
  /** A pool the caller owns (closed by the caller), or a connection string (closed by `close`). */
  pool?: pg.Pool;
  connectionString?: string;
  keyRing: KeyRingConfig;
}

/**
 * PostgreSQL store for production and several server nodes. Atomicity comes from single
 * conditional UPDATE statements (`... WHERE state = 'queued' RETURNING *`: concurrent claims
 * queue on the row lock and re-check the condition, so one wins) and from row locks
 * (`SELECT ... FOR UPDATE`) around seq assignment.
 */
export class PostgresConversationStore extends ComposedConversationStore {
  readonly pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean, parts: StoreParts) {
    super(parts);
    this.pool = pool;
    this.#ownsPool = ownsPool;
  }

  /** Connects, applies pending migrations, returns a ready store. */
  static async open(options: PostgresStoreOptions): Promise<PostgresConversationStore> {
    const cipher = new FieldCipher(options.keyRing);
    const ownsPool = options.pool === undefined;
    const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
    try {
      await migratePostgres(pool);
    } catch (error) {
      if (ownsPool) await pool.end();
      throw error;
    }
    const ctx: PostgresContext = {
      pool,
      cipher,
      trustAuditTimestamps: options.trustAuditTimestamps === true,
    };
    return new PostgresConversationStore(pool, ownsPool, {
      conversations: postgresConversations(ctx),
      queues: postgresQueues(ctx),
      agentsAndScripts: postgresAgentsAndScripts(ctx),
      surveysAndAppointments: postgresSurveysAndAppointments(ctx),
      auditAndRetention: postgresAuditAndRetention(ctx),
      agentWork: postgresAgentWork(ctx),
    });
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.pool.end();
  }
}
