import type { PostgresMigration } from './migration';

/**
 * Migration 19: waiting entries counted per (queue, priority), kept by a trigger on
 * `queue_entries` in the transaction of every insert, delete (a state change, a cascade) and
 * move (transfer, priority change), so a new entry's place is a sum over a few priority rows
 * instead of a count over everyone ahead. Rows at zero are deleted. Backfilled under a lock
 * that holds writers of `queue_entries` until the trigger exists.
 */
export const POSTGRES_QUEUE_COUNTS_MIGRATION: PostgresMigration = {
  version: 19,
  name: 'waiting entries counted per queue and priority',
  sql: `
LOCK TABLE queue_entries IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE queue_counts (
  queue text NOT NULL,
  priority_rank integer NOT NULL,
  waiting integer NOT NULL,
  PRIMARY KEY (queue, priority_rank)
);
INSERT INTO queue_counts (queue, priority_rank, waiting)
  SELECT queue, priority_rank, COUNT(*) FROM queue_entries GROUP BY queue, priority_rank;
CREATE FUNCTION queue_counts_add(q text, r integer, d integer) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF d > 0 THEN
    INSERT INTO queue_counts (queue, priority_rank, waiting) VALUES (q, r, d)
      ON CONFLICT (queue, priority_rank) DO UPDATE SET waiting = queue_counts.waiting + d;
  ELSE
    UPDATE queue_counts SET waiting = waiting + d WHERE queue = q AND priority_rank = r;
    DELETE FROM queue_counts WHERE queue = q AND priority_rank = r AND waiting <= 0;
  END IF;
END $$;
CREATE FUNCTION queue_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM queue_counts_add(NEW.queue, NEW.priority_rank, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM queue_counts_add(OLD.queue, OLD.priority_rank, -1);
  ELSIF OLD.queue IS DISTINCT FROM NEW.queue OR OLD.priority_rank IS DISTINCT FROM NEW.priority_rank THEN
    PERFORM queue_counts_add(OLD.queue, OLD.priority_rank, -1);
    PERFORM queue_counts_add(NEW.queue, NEW.priority_rank, 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER queue_counts_track AFTER INSERT OR DELETE OR UPDATE OF queue, priority_rank
  ON queue_entries FOR EACH ROW EXECUTE FUNCTION queue_counts_track();
`,
};
