-- Least privilege (issue 16). The web servers and schedulers may connect as a role that does not
-- own the tables (DATABASE_URL), while migrations run as the owner (MIGRATION_DATABASE_URL); the
-- grants themselves are made by db/runtime-grants.ts after each migration run. Such a role may
-- only INSERT and SELECT on the audit tables, and cannot ALTER, disable triggers or TRUNCATE
-- (all need the owner). The few steps that need the owner's rights at run time are functions
-- that run as their owner (SECURITY DEFINER) with a fixed search_path (public, then pg_temp last so
-- a temporary table cannot stand in for one of ours; pg_catalog is always searched first):
--  * linking each audit event into its chain moves the chain's head row (the runtime role may
--    not UPDATE audit_chain_heads, so it cannot rewind a head either);
--  * the partition maintenance job creates next month's audit partition (DDL on audit_events);
--  * the reference-sequences job (and intake's fallback) creates a year's reference sequence.
ALTER FUNCTION handoff_audit_chain() SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint
ALTER FUNCTION handoff_ensure_audit_partition(date) SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint
ALTER FUNCTION handoff_ensure_case_reference_sequence(text, integer) SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint
-- Detaching a month (archiving) stays an operator's act as the owner.
REVOKE EXECUTE ON FUNCTION handoff_detach_audit_partition(date) FROM PUBLIC;
