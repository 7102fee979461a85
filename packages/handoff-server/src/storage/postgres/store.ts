import pg from 'pg';
import { ComposedConversationStore, type StoreParts } from '../composed';
import { FieldCipher, type KeyRingConfig } from '../crypto';
import type { AuditClockOptions } from '../shared';
import { postgresAgentWork } from './agent-work';
import { postgresAgents } from './agents';
import { postgresAppointmentChanges } from './appointment-changes';
import { postgresAttachments, resealLegacyAttachments } from './attachments';
import { postgresAuditAndRetention } from './audit-retention';
import { postgresBotSessions } from './bot-sessions';
import { postgresChatActions } from './chat-actions';
import { postgresConsultThreads } from './consult-threads';
import { postgresContent } from './content';
import { type PostgresContext, translatePgError } from './context';
import { postgresConversations } from './conversations';
import { postgresDeliveries } from './deliveries';
import { postgresDeskFigures } from './desk-figures';
import { postgresDurability } from './durability';
import { postgresFollowUps } from './followups';
import { postgresInsights } from './insights';
import { migratePostgres } from './migrations';
import { postgresQueues } from './queues';
import { postgresReadMarks } from './read-marks';
import { postgresStaffAccess } from './staff-access';
import { postgresApiKeys, postgresStaffAssignments } from './staff-assignments';
import { postgresSurveysAndAppointments } from './surveys-appointments';

export interface PostgresStoreOptions extends AuditClockOptions {
  /** A pool the caller owns (closed by the caller), or a connection string (closed by `close`). */
  pool?: pg.Pool;
  connectionString?: string;
  keyRing: KeyRingConfig;
  /**
   * Told about connection errors of idle and busy clients (database restarted, network cut).
   * They never crash the process: the broken client is dropped and the pool reconnects.
   */
  onConnectionError?: (error: Error) => void;
  /** How long to wait for a connection before answering `store_unavailable`. Default 5000. */
  connectTimeoutMs?: number;
  /** Most connections the store's own pool opens. Default 10. */
  poolSize?: number;
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
    const pool =
      options.pool ??
      new pg.Pool({
        connectionString: options.connectionString,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
        max: options.poolSize ?? 10,
      });
    guardPool(pool, options.onConnectionError ?? (() => undefined));
    try {
      await migratePostgres(pool);
      await resealLegacyAttachments({ pool, cipher });
    } catch (error) {
      if (ownsPool) await pool.end();
      throw translatePgError(error);
    }
    const ctx: PostgresContext = {
      pool,
      cipher,
      trustAuditTimestamps: options.trustAuditTimestamps === true,
      lastSeq: new Map(),
    };
    return new PostgresConversationStore(pool, ownsPool, {
      conversations: postgresConversations(ctx),
      queues: postgresQueues(ctx),
      agents: postgresAgents(ctx),
      surveysAndAppointments: postgresSurveysAndAppointments(ctx),
      auditAndRetention: postgresAuditAndRetention(ctx),
      durability: postgresDurability(ctx),
      followUps: postgresFollowUps(ctx),
      agentWork: postgresAgentWork(ctx),
      staffAccess: postgresStaffAccess(ctx),
      deskFigures: postgresDeskFigures(ctx),
      content: postgresContent(ctx),
      chatActions: postgresChatActions(ctx),
      deliveries: postgresDeliveries(ctx),
      botSessions: postgresBotSessions(ctx),
      appointmentChanges: postgresAppointmentChanges(ctx),
      insights: postgresInsights(ctx),
      attachments: postgresAttachments(ctx),
      consultThreads: postgresConsultThreads(ctx),
      staffAssignments: postgresStaffAssignments(ctx),
      apiKeys: postgresApiKeys(ctx),
      readMarks: postgresReadMarks(ctx),
    });
  }

  override async close(): Promise<void> {
    if (this.#ownsPool) await this.pool.end();
  }
}

const GUARDED = Symbol('baton.pg-guarded');

/**
 * Without an `error` listener, a connection that dies (idle in the pool, or checked out
 * between queries) is an unhandled error event that ends the process.
 */
function guardPool(pool: pg.Pool, onError: (error: Error) => void): void {
  const marked = pool as pg.Pool & { [GUARDED]?: boolean };
  if (marked[GUARDED]) return;
  marked[GUARDED] = true;
  pool.on('error', (error) => onError(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => onError(error));
  });
}
