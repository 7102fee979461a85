import type { Migration } from './migration';

/**
 * Migration 19: waiting entries counted per (queue, priority), kept by triggers on
 * `queue_entries` in the transaction of every insert, delete (a state change, a cascade) and
 * move (transfer, priority change), so a new entry's place is a sum over a few priority rows
 * instead of a count over everyone ahead. Rows at zero are deleted: the table holds only queues
 * where somebody waits. Backfilled from the entries already there.
 */
export const SQLITE_QUEUE_COUNTS_MIGRATION: Migration = {
  version: 19,
  name: 'waiting entries counted per queue and priority',
  sql: `
CREATE TABLE queue_counts (
  queue TEXT NOT NULL,
  priority_rank INTEGER NOT NULL,
  waiting INTEGER NOT NULL,
  PRIMARY KEY (queue, priority_rank)
) WITHOUT ROWID;
INSERT INTO queue_counts (queue, priority_rank, waiting)
  SELECT queue, priority_rank, COUNT(*) FROM queue_entries GROUP BY queue, priority_rank;
CREATE TRIGGER queue_counts_on_insert AFTER INSERT ON queue_entries BEGIN
  INSERT INTO queue_counts (queue, priority_rank, waiting) VALUES (NEW.queue, NEW.priority_rank, 1)
    ON CONFLICT (queue, priority_rank) DO UPDATE SET waiting = waiting + 1;
END;
CREATE TRIGGER queue_counts_on_delete AFTER DELETE ON queue_entries BEGIN
  UPDATE queue_counts SET waiting = waiting - 1
    WHERE queue = OLD.queue AND priority_rank = OLD.priority_rank;
  DELETE FROM queue_counts
    WHERE queue = OLD.queue AND priority_rank = OLD.priority_rank AND waiting <= 0;
END;
CREATE TRIGGER queue_counts_on_move AFTER UPDATE OF queue, priority_rank ON queue_entries
  WHEN OLD.queue IS NOT NEW.queue OR OLD.priority_rank IS NOT NEW.priority_rank BEGIN
  UPDATE queue_counts SET waiting = waiting - 1
    WHERE queue = OLD.queue AND priority_rank = OLD.priority_rank;
  DELETE FROM queue_counts
    WHERE queue = OLD.queue AND priority_rank = OLD.priority_rank AND waiting <= 0;
  INSERT INTO queue_counts (queue, priority_rank, waiting) VALUES (NEW.queue, NEW.priority_rank, 1)
    ON CONFLICT (queue, priority_rank) DO UPDATE SET waiting = waiting + 1;
END;
`,
};
