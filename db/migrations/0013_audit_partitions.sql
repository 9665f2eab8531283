-- audit_events partitioned by calendar month (UTC) of occurred_at, so the append-only trail can
-- grow for years: old months are detached and archived whole instead of deleted row by row, and
-- each month's indexes stay the size of one month. The partitions live in a schema of their own
-- (audit_partitions) so the application schema lists the same tables as before and drizzle-kit
-- never sees them as unknown tables.
--
-- The existing table is set aside, a partitioned one with the same columns and defaults takes its
-- name, the rows are copied into their months, and the id sequence is the same sequence, so ids
-- continue where they were. The primary key must contain the partition key: (id, occurred_at).
-- Its index still leads with id, so a lookup by id (the audit log's cursor) is one index probe
-- per partition.
CREATE SCHEMA IF NOT EXISTS audit_partitions;
--> statement-breakpoint
ALTER TABLE audit_events RENAME TO audit_events_unpartitioned;
--> statement-breakpoint
-- The sequence outlives the old table: the new id column takes it over.
ALTER SEQUENCE audit_events_id_seq OWNED BY NONE;
--> statement-breakpoint
ALTER TABLE audit_events_unpartitioned ALTER COLUMN id DROP DEFAULT;
--> statement-breakpoint
ALTER TABLE audit_events_unpartitioned DROP CONSTRAINT audit_events_pkey;
--> statement-breakpoint
DROP INDEX audit_events_case_idx;
--> statement-breakpoint
DROP INDEX audit_events_entity_idx;
--> statement-breakpoint
DROP INDEX audit_events_occurred_idx;
--> statement-breakpoint
DROP INDEX audit_events_action_idx;
--> statement-breakpoint
CREATE TABLE audit_events (
	"id" bigint DEFAULT nextval('audit_events_id_seq'::regclass) NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"case_id" uuid,
	"task_id" uuid,
	"summary" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT audit_events_pkey PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
ALTER SEQUENCE audit_events_id_seq OWNED BY audit_events.id;
--> statement-breakpoint
-- Partitioned indexes: every partition, present and future, gets its own copy.
CREATE INDEX audit_events_case_idx ON audit_events USING btree ("case_id", "id");
--> statement-breakpoint
CREATE INDEX audit_events_entity_idx ON audit_events USING btree ("entity_type", "entity_id", "id");
--> statement-breakpoint
CREATE INDEX audit_events_occurred_idx ON audit_events USING btree ("occurred_at");
--> statement-breakpoint
CREATE INDEX audit_events_action_idx ON audit_events USING btree ("action", "occurred_at");
--> statement-breakpoint
-- Events dated outside every monthly partition (a backdated import, a clock far ahead) land here
-- rather than fail the transaction that records them. Maintenance moves a month's rows out of it
-- when it creates that month's partition, so it holds only months nobody has partitioned.
CREATE TABLE audit_partitions.audit_events_default PARTITION OF audit_events DEFAULT;
--> statement-breakpoint
-- A row trigger on a partitioned table is cloned onto every partition, including those created or
-- attached later, so UPDATE and DELETE are refused on a partition addressed directly too.
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION handoff_audit_events_immutable();
--> statement-breakpoint
-- Statement triggers are not cloned: TRUNCATE is refused on the parent here and on each partition
-- by handoff_ensure_audit_partition, which creates them.
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION handoff_audit_events_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_partitions.audit_events_default
  FOR EACH STATEMENT EXECUTE FUNCTION handoff_audit_events_immutable();
--> statement-breakpoint
-- The partition of the UTC month containing p_month, created when missing: true when this call
-- created it. Safe to run from several schedulers at once (one advisory lock serialises the
-- creators; the loser finds the table and returns false). Rows of that month already in the
-- default partition are moved into the new table before it is attached, the only DELETE the
-- trail ever sees, with the append-only trigger switched off on the default for that statement
-- alone (ALTER TABLE needs the table's owner, as dropping the trigger would).
CREATE OR REPLACE FUNCTION handoff_ensure_audit_partition(p_month date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', p_month::timestamp)::date;
  part text := 'audit_events_' || to_char(m, 'YYYY_MM');
  lo timestamptz := m::timestamp AT TIME ZONE 'UTC';
  hi timestamptz := (m + interval '1 month') AT TIME ZONE 'UTC';
  stray boolean;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'audit_partitions' AND c.relname = part) THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(72114013);
  -- A fresh query after the lock: it sees a table another creator committed meanwhile.
  IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'audit_partitions' AND c.relname = part) THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE audit_partitions.%I (LIKE audit_events INCLUDING DEFAULTS)', part);
  SELECT EXISTS (SELECT 1 FROM audit_partitions.audit_events_default
                 WHERE occurred_at >= lo AND occurred_at < hi) INTO stray;
  IF stray THEN
    ALTER TABLE audit_partitions.audit_events_default DISABLE TRIGGER audit_events_no_update_delete;
    EXECUTE format(
      'WITH moved AS (DELETE FROM audit_partitions.audit_events_default
                      WHERE occurred_at >= $1 AND occurred_at < $2 RETURNING *)
       INSERT INTO audit_partitions.%I SELECT * FROM moved', part) USING lo, hi;
    ALTER TABLE audit_partitions.audit_events_default ENABLE TRIGGER audit_events_no_update_delete;
  END IF;
  -- ATTACH rather than CREATE … PARTITION OF: it takes a weaker lock on audit_events, so inserts
  -- into the current month carry on while a future month is added.
  EXECUTE format('ALTER TABLE audit_events ATTACH PARTITION audit_partitions.%I FOR VALUES FROM (%L) TO (%L)',
                 part, lo, hi);
  EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_partitions.%I
                  FOR EACH STATEMENT EXECUTE FUNCTION handoff_audit_events_immutable()', part);
  RETURN true;
END;
$$;
--> statement-breakpoint
-- Archiving: detaches the partition of p_month from audit_events (its rows leave every query of
-- the application) and keeps it as a plain, still append-only table audit_partitions.<name> until
-- an operator has dumped and dropped it. Returns the table's name, or null when that month has no
-- attached partition. Takes an ACCESS EXCLUSIVE lock on audit_events for the moment of the detach.
CREATE OR REPLACE FUNCTION handoff_detach_audit_partition(p_month date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  part text := 'audit_events_' || to_char(p_month, 'YYYY_MM');
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE i.inhparent = 'audit_events'::regclass
                   AND n.nspname = 'audit_partitions' AND c.relname = part) THEN
    RETURN NULL;
  END IF;
  EXECUTE format('ALTER TABLE audit_events DETACH PARTITION audit_partitions.%I', part);
  -- Detaching drops the cloned row trigger; the archive stays append-only until it is dropped.
  EXECUTE format('CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_partitions.%I
                  FOR EACH ROW EXECUTE FUNCTION handoff_audit_events_immutable()', part);
  RETURN 'audit_partitions.' || part;
END;
$$;
--> statement-breakpoint
-- A partition for every month from the oldest event to three months ahead, then the rows.
DO $$
DECLARE
  first_month date;
  m date;
BEGIN
  SELECT date_trunc('month', min(occurred_at) AT TIME ZONE 'UTC')::date INTO first_month
    FROM audit_events_unpartitioned;
  -- least() skips a null: an empty table starts at the current month.
  first_month := least(first_month, (now() AT TIME ZONE 'UTC')::date);
  FOR m IN SELECT generate_series(date_trunc('month', first_month::timestamp),
                                  date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months',
                                  interval '1 month')::date
  LOOP
    PERFORM handoff_ensure_audit_partition(m);
  END LOOP;
END;
$$;
--> statement-breakpoint
INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, actor_label, action, entity_type,
                          entity_id, case_id, task_id, summary, before, after, metadata)
SELECT id, occurred_at, actor_type, actor_id, actor_label, action, entity_type,
       entity_id, case_id, task_id, summary, before, after, metadata
  FROM audit_events_unpartitioned;
--> statement-breakpoint
DROP TABLE audit_events_unpartitioned;
