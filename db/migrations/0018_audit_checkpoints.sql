-- Signed checkpoints of the audit chain heads (issue 16). The scheduler's audit-checkpoints job
-- records, for every chain that moved since the last checkpoint, its newest seq and hash, and
-- signs the checkpoint with the operator's key (HMAC-SHA256, key chosen by id, so keys rotate)
-- over its id, time, the digest of those heads and the previous checkpoint's signature. Someone
-- who removes the newest events of a chain and rewinds its head row is caught by the last
-- checkpoint that covered the chain; rewriting a checkpoint needs the key.
ALTER TABLE audit_chain_heads ADD COLUMN checkpointed_seq bigint NOT NULL DEFAULT 0;
--> statement-breakpoint
CREATE TABLE audit_checkpoints (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL,
  key_id text NOT NULL,
  -- The signature of the checkpoint before it (64 zeros for the first).
  prev_signature text NOT NULL,
  -- hex(sha256) over the covered heads as lines "chain seq hash\n", in chain order.
  heads_digest text NOT NULL,
  head_count integer NOT NULL,
  signature text NOT NULL
);
--> statement-breakpoint
CREATE TABLE audit_checkpoint_heads (
  checkpoint_id bigint NOT NULL
    CONSTRAINT audit_checkpoint_heads_checkpoint_id_audit_checkpoints_id_fk
    REFERENCES audit_checkpoints(id),
  chain text NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  CONSTRAINT audit_checkpoint_heads_pkey PRIMARY KEY (chain, checkpoint_id)
);
--> statement-breakpoint
CREATE INDEX audit_checkpoint_heads_checkpoint_idx ON audit_checkpoint_heads (checkpoint_id);
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION handoff_audit_events_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION handoff_audit_events_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoint_heads_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_checkpoint_heads
  FOR EACH ROW EXECUTE FUNCTION handoff_audit_events_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoint_heads_no_truncate
  BEFORE TRUNCATE ON audit_checkpoint_heads
  FOR EACH STATEMENT EXECUTE FUNCTION handoff_audit_events_immutable();
