import Database from 'better-sqlite3';
import { ComposedConversationStore } from '../composed';
import { FieldCipher, type KeyRingConfig } from '../crypto';
import type { AuditClockOptions } from '../shared';
import { sqliteAgentWork } from './agent-work';
import { sqliteAgents } from './agents';
import { sqliteAppointmentChanges } from './appointment-changes';
import { resealLegacyAttachments, sqliteAttachments } from './attachments';
import { sqliteAuditAndRetention } from './audit-retention';
import { sqliteBotSessions } from './bot-sessions';
import { sqliteChatActions } from './chat-actions';
import { sqliteConsultThreads } from './consult-threads';
import { sqliteContent } from './content';
import { type SqliteContext, translateSqliteError } from './context';
import { sqliteConversations } from './conversations';
import { sqliteDeliveries } from './deliveries';
import { sqliteDeskFigures } from './desk-figures';
import { sqliteDurability } from './durability';
import { sqliteFollowUps } from './followups';
import { GroupCommit } from './group-commit';
import { sqliteInsights } from './insights';
import { migrateSqlite } from './migrations';
import { sqliteQueues } from './queues';
import { sqliteReadMarks } from './read-marks';
import { sqliteStaffAccess } from './staff-access';
import { sqliteApiKeys, sqliteStaffAssignments } from './staff-assignments';
import { cacheStatements } from './statements';
import { sqliteSurveysAndAppointments } from './surveys-appointments';
import { WalSync } from './wal-sync';

export interface SqliteStoreOptions extends AuditClockOptions {
  /** Database file path (created if missing), or `:memory:`. */
  filename: string;
  /** Encryption keys for message bodies, transcripts and survey answers. */
  keyRing: KeyRingConfig;
  /** How long a writer waits for another connection's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * The embedded default: one SQLite file in WAL mode. Several handles (threads, processes)
 * may share a file: every write runs in a `BEGIN IMMEDIATE` transaction, so compare-and-set,
 * seq assignment and claims are serialised by SQLite's write lock.
 */
export class SqliteConversationStore extends ComposedConversationStore {
  readonly db: Database.Database;

  constructor(options: SqliteStoreOptions) {
    const cipher = new FieldCipher(options.keyRing);
    const db = new Database(options.filename, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    // FULL: a commit (and so an ack) is on disk before it returns, even on power loss. Group
    // commits sync the WAL off the event loop before they settle (see WalSync): same guarantee.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    try {
      migrateSqlite(db);
      resealLegacyAttachments({ db, cipher });
    } catch (error) {
      db.close();
      throw error;
    }
    cacheStatements(db);
    const walSync = WalSync.open(db);
    const ctx: SqliteContext = {
      db,
      group: new GroupCommit(db, translateSqliteError, walSync),
      cipher,
      trustAuditTimestamps: options.trustAuditTimestamps === true,
    };
    super({
      conversations: sqliteConversations(ctx),
      queues: sqliteQueues(ctx),
      agents: sqliteAgents(ctx),
      surveysAndAppointments: sqliteSurveysAndAppointments(ctx),
      auditAndRetention: sqliteAuditAndRetention(ctx),
      durability: sqliteDurability(ctx),
      followUps: sqliteFollowUps(ctx),
      agentWork: sqliteAgentWork(ctx),
      staffAccess: sqliteStaffAccess(ctx),
      deskFigures: sqliteDeskFigures(ctx),
      content: sqliteContent(ctx),
      chatActions: sqliteChatActions(ctx),
      deliveries: sqliteDeliveries(ctx),
      botSessions: sqliteBotSessions(ctx),
      appointmentChanges: sqliteAppointmentChanges(ctx),
      insights: sqliteInsights(ctx),
      attachments: sqliteAttachments(ctx),
      consultThreads: sqliteConsultThreads(ctx),
      staffAssignments: sqliteStaffAssignments(ctx),
      apiKeys: sqliteApiKeys(ctx),
      readMarks: sqliteReadMarks(ctx),
    });
    this.db = db;
    this.#walSync = walSync;
  }

  readonly #walSync: WalSync | null;

  override async close(): Promise<void> {
    // The checkpoint thread's connection first: the last one closed checkpoints the WAL.
    await this.#walSync?.close();
    if (this.db.open) this.db.close();
  }
}
