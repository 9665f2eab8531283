-- Tamper evidence for the audit trail (issue 16). Every event belongs to one chain: its case's
-- ("case:<uuid>") or, for events of no case, "global". It stores its place in the chain (seq,
-- from 1), the hash of the event before it (64 zeros for the first) and its own hash:
--   hash = hex(sha256(prev_hash || E'\n' || handoff_audit_content(event)))
-- where the content is the event's every column as one canonical JSON text (jsonb's own output:
-- keys ordered, one spelling per value). An edited byte, a removed, inserted or reordered event
-- breaks the recomputation or the links; removing the newest events is caught by the chain's
-- head row (and, by a later migration, by signed checkpoints of the heads).
--
-- The hash is computed by the database, in a BEFORE INSERT trigger, so every writer (the app's
-- statements, the set-based intake and sweeps, imports) is chained the same way, and concurrent
-- writers are ordered by the chain head's row lock (audit_chain_heads), held to commit: two events
-- on one case are ordered, two cases never contend.
ALTER TABLE audit_events
  ADD COLUMN chain text,
  ADD COLUMN chain_seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text;
--> statement-breakpoint
CREATE TABLE audit_chain_heads (
  chain text PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL,
  prev_hash text NOT NULL,
  event_id bigint NOT NULL
);
--> statement-breakpoint
-- The canonical content of one event: what its hash covers. Times in UTC to the microsecond.
-- Columns one by one (not the row): a trigger on a partition sees the partition's row type.
CREATE OR REPLACE FUNCTION handoff_audit_content(
  id bigint, chain text, seq bigint, occurred_at timestamptz, actor_type text, actor_id text,
  actor_label text, action text, entity_type text, entity_id text, case_id uuid, task_id uuid,
  summary text, before jsonb, after jsonb, metadata jsonb
) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'v', 1,
    'id', id,
    'chain', chain,
    'seq', seq,
    'occurredAt', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actorType', actor_type,
    'actorId', actor_id,
    'actorLabel', actor_label,
    'action', action,
    'entityType', entity_type,
    'entityId', entity_id,
    'caseId', case_id,
    'taskId', task_id,
    'summary', summary,
    'before', before,
    'after', after,
    'metadata', metadata
  )::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION handoff_audit_hash(prev text, content text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev || E'\n' || content, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Links a new event into its chain: one UPDATE of the chain's head computes the event's place and
-- hash from the head as committed (the row lock makes a second writer of the chain wait for the
-- first to commit, then read its head). A chain's first event inserts the head instead; two first
-- events at once meet in ON CONFLICT, where the later one takes the update path.
CREATE OR REPLACE FUNCTION handoff_audit_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  NEW.chain := CASE WHEN NEW.case_id IS NULL THEN 'global' ELSE 'case:' || NEW.case_id END;
  UPDATE audit_chain_heads h
     SET seq = h.seq + 1,
         prev_hash = h.hash,
         hash = handoff_audit_hash(h.hash, handoff_audit_content(
           NEW.id, NEW.chain, h.seq + 1, NEW.occurred_at, NEW.actor_type::text, NEW.actor_id,
           NEW.actor_label, NEW.action, NEW.entity_type, NEW.entity_id, NEW.case_id, NEW.task_id,
           NEW.summary, NEW.before, NEW.after, NEW.metadata)),
         event_id = NEW.id
   WHERE h.chain = NEW.chain
  RETURNING h.seq, h.prev_hash, h.hash INTO head;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_heads AS h (chain, seq, prev_hash, hash, event_id)
      VALUES (NEW.chain, 1, repeat('0', 64), handoff_audit_hash(repeat('0', 64), handoff_audit_content(
           NEW.id, NEW.chain, 1, NEW.occurred_at, NEW.actor_type::text, NEW.actor_id,
           NEW.actor_label, NEW.action, NEW.entity_type, NEW.entity_id, NEW.case_id, NEW.task_id,
           NEW.summary, NEW.before, NEW.after, NEW.metadata)), NEW.id)
      ON CONFLICT (chain) DO UPDATE
        SET seq = h.seq + 1,
            prev_hash = h.hash,
            hash = handoff_audit_hash(h.hash, handoff_audit_content(
              NEW.id, NEW.chain, h.seq + 1, NEW.occurred_at, NEW.actor_type::text, NEW.actor_id,
              NEW.actor_label, NEW.action, NEW.entity_type, NEW.entity_id, NEW.case_id, NEW.task_id,
              NEW.summary, NEW.before, NEW.after, NEW.metadata)),
            event_id = NEW.id
      RETURNING h.seq, h.prev_hash, h.hash INTO head;
  END IF;
  NEW.chain_seq := head.seq;
  NEW.prev_hash := head.prev_hash;
  NEW.hash := head.hash;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Events written before this migration are chained now, in id order (the order they were
-- written), with the append-only trigger off on each partition for this one rewrite.
DO $$
DECLARE
  part regclass;
  r audit_events;
  cur_chain text := NULL;
  seq bigint := 0;
  prev text;
  before_prev text;
BEGIN
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_events'::regclass LOOP
    EXECUTE format('ALTER TABLE %s DISABLE TRIGGER audit_events_no_update_delete', part);
  END LOOP;
  FOR r IN
    SELECT * FROM audit_events
    ORDER BY CASE WHEN case_id IS NULL THEN 'global' ELSE 'case:' || case_id END, id
  LOOP
    r.chain := CASE WHEN r.case_id IS NULL THEN 'global' ELSE 'case:' || r.case_id END;
    IF cur_chain IS DISTINCT FROM r.chain THEN
      IF cur_chain IS NOT NULL THEN
        INSERT INTO audit_chain_heads (chain, seq, prev_hash, hash, event_id)
          VALUES (cur_chain, seq, before_prev, prev, 0);
      END IF;
      cur_chain := r.chain;
      seq := 0;
      prev := repeat('0', 64);
    END IF;
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := prev;
    r.hash := handoff_audit_hash(prev, handoff_audit_content(
      r.id, r.chain, r.chain_seq, r.occurred_at, r.actor_type::text, r.actor_id, r.actor_label,
      r.action, r.entity_type, r.entity_id, r.case_id, r.task_id, r.summary, r.before, r.after,
      r.metadata));
    before_prev := prev;
    UPDATE audit_events SET chain = r.chain, chain_seq = r.chain_seq, prev_hash = r.prev_hash,
                            hash = r.hash
      WHERE id = r.id AND occurred_at = r.occurred_at;
    prev := r.hash;
  END LOOP;
  IF cur_chain IS NOT NULL THEN
    INSERT INTO audit_chain_heads (chain, seq, prev_hash, hash, event_id)
      VALUES (cur_chain, seq, before_prev, prev, 0);
  END IF;
  UPDATE audit_chain_heads h SET event_id = e.id
    FROM audit_events e WHERE e.chain = h.chain AND e.chain_seq = h.seq;
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_events'::regclass LOOP
    EXECUTE format('ALTER TABLE %s ENABLE TRIGGER audit_events_no_update_delete', part);
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN chain SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN chain_seq SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN prev_hash SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN hash SET NOT NULL;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain
  BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION handoff_audit_chain();
--> statement-breakpoint
-- Verification walks a chain in order.
CREATE INDEX audit_events_chain_idx ON audit_events (chain, chain_seq);
--> statement-breakpoint
