import type { Sql } from 'postgres';

/**
 * The audit tables: the runtime role may read them and add to them, nothing else. Events and
 * checkpoints are append-only (triggers, which only the owner can disable); the chain heads are
 * moved by the insert trigger, which runs as the owner (migration 0019); the one column the
 * runtime role may change there is the checkpoint writer's bookmark.
 */
const AUDIT_TABLES = [
  'audit_events',
  'audit_chain_heads',
  'audit_checkpoints',
  'audit_checkpoint_heads',
];

/**
 * Grants `role` what the web servers and schedulers need, as the owner right after migrating
 * (so tables a migration adds are covered at once): read and write the application's tables,
 * read and append the audit tables, use the sequences (ids, case references), read the
 * migration journal (health check). Not granted: ownership, CREATE on any schema, TRUNCATE,
 * TRIGGER, REFERENCES, or any access to the audit partitions other than through audit_events.
 * Idempotent.
 */
export async function grantRuntimeRole(owner: Sql, role: string): Promise<void> {
  const r = owner(role);
  await owner`grant usage on schema public to ${r}`;
  await owner`grant select, insert, update, delete on all tables in schema public to ${r}`;
  for (const table of AUDIT_TABLES)
    await owner`revoke update, delete, truncate, references, trigger on ${owner(table)} from ${r}`;
  // Heads are written only by the chain trigger (as the owner): a head row planted ahead of a
  // chain's first event would make it start from a false hash.
  await owner`revoke insert on audit_chain_heads from ${r}`;
  await owner`grant update (checkpointed_seq) on audit_chain_heads to ${r}`;
  await owner`grant usage, select on all sequences in schema public to ${r}`;
  // Sequences made later by the owner (reference sequences, created through a SECURITY DEFINER
  // function) are usable at once.
  await owner`alter default privileges in schema public grant usage, select on sequences to ${r}`;
  await owner`grant usage on schema drizzle to ${r}`;
  await owner`grant select on drizzle.__drizzle_migrations to ${r}`;
}
