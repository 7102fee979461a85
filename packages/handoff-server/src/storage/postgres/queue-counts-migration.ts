import type { PostgresMigration } from './migration';

/**
 * Migration 19: waiting entries counted per (queue, priority), kept by a trigger on
 * `queue_entries` in the transaction of every insert, delete (a state change, a cascade) and
 * move (transfer, priority change), so a new entry's place is a sum over a few priority rows
 * instead of a count over everyone ahead. Rows at zero are deleted. Each count is split over
 * 16 rows (`shard`, from the conversation id) so concurrent enqueues to one queue seldom wait
 * for each other's row lock until commit; readers sum the shards. Backfilled under a lock that
 * holds writers of `queue_entries` until the trigger exists.
 */
export const POSTGRES_QUEUE_COUNTS_MIGRATION: PostgresMigration = {
  version: 19,
  name: 'waiting entries counted per queue and priority',
  sql: `
LOCK TABLE queue_entries IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE queue_counts (
  queue text NOT NULL,
  priority_rank integer NOT NULL,
  shard integer NOT NULL,
  waiting integer NOT NULL,
  PRIMARY KEY (queue, priority_rank, shard)
);
CREATE FUNCTION queue_counts_shard(conversation_id text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT abs(hashtext(conversation_id) % 16) $$;
INSERT INTO queue_counts (queue, priority_rank, shard, waiting)
  SELECT queue, priority_rank, queue_counts_shard(conversation_id), COUNT(*) FROM queue_entries
  GROUP BY queue, priority_rank, queue_counts_shard(conversation_id);
CREATE FUNCTION queue_counts_add(q text, r integer, s integer, d integer) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF d > 0 THEN
    INSERT INTO queue_counts (queue, priority_rank, shard, waiting) VALUES (q, r, s, d)
      ON CONFLICT (queue, priority_rank, shard) DO UPDATE SET waiting = queue_counts.waiting + d;
  ELSE
    UPDATE queue_counts SET waiting = waiting + d
      WHERE queue = q AND priority_rank = r AND shard = s;
    DELETE FROM queue_counts WHERE queue = q AND priority_rank = r AND shard = s AND waiting <= 0;
  END IF;
END $$;
CREATE FUNCTION queue_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM queue_counts_add(NEW.queue, NEW.priority_rank, queue_counts_shard(NEW.conversation_id), 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM queue_counts_add(OLD.queue, OLD.priority_rank, queue_counts_shard(OLD.conversation_id), -1);
  ELSIF OLD.queue IS DISTINCT FROM NEW.queue OR OLD.priority_rank IS DISTINCT FROM NEW.priority_rank THEN
    PERFORM queue_counts_add(OLD.queue, OLD.priority_rank, queue_counts_shard(OLD.conversation_id), -1);
    PERFORM queue_counts_add(NEW.queue, NEW.priority_rank, queue_counts_shard(NEW.conversation_id), 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER queue_counts_track AFTER INSERT OR DELETE OR UPDATE OF queue, priority_rank
  ON queue_entries FOR EACH ROW EXECUTE FUNCTION queue_counts_track();
`,
};
