-- Reference sequences made ahead of time (issue 15 review).
--
-- Migration 0012 created a prefix's sequence for a year on the first intake of that year, inside
-- the intake transaction: that needs CREATE on the schema for the web server's role, and the
-- first intakes of a year queue on the advisory lock that serialises the creation. Now the
-- sequences of the current and the next year of every case type's prefix are made by migrations
-- and by the scheduler's daily maintenance (lib/use-cases/maintain-reference-sequences.ts); the
-- creation at intake stays only as the fallback for a prefix or year nobody prepared.
CREATE OR REPLACE FUNCTION "handoff_case_reference_sequence"(p_prefix text, p_year integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'case_ref_' || left(lower(regexp_replace(p_prefix, '[^A-Za-z0-9]+', '_', 'g')), 40)
    || '_' || p_year
$$;
--> statement-breakpoint
-- Creates the sequence of a prefix and year unless it exists; true when it created it. It starts
-- after the highest number already handed out: the old counter row (the demo seed still writes
-- one) or an existing reference of that prefix and year. Two creators at once are serialised by
-- a transaction-scoped advisory lock (CREATE SEQUENCE IF NOT EXISTS alone races on the catalog).
CREATE OR REPLACE FUNCTION "handoff_ensure_case_reference_sequence"(p_prefix text, p_year integer) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seq text := handoff_case_reference_sequence(p_prefix, p_year);
  head text := p_prefix || '-' || p_year || '-';
  first_value bigint;
BEGIN
  IF to_regclass(quote_ident(seq)) IS NOT NULL THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('handoff_case_reference'), hashtext(seq));
  IF to_regclass(quote_ident(seq)) IS NOT NULL THEN
    RETURN false;
  END IF;
  SELECT greatest(
      coalesce((SELECT rc.last_value FROM reference_counters rc
                WHERE rc.prefix = p_prefix AND rc.year = p_year), 0),
      coalesce((SELECT max(substr(c.reference, length(head) + 1)::bigint) FROM cases c
                WHERE starts_with(c.reference, head)
                  AND substr(c.reference, length(head) + 1) ~ '^[0-9]{1,18}$'), 0)
    ) + 1
    INTO first_value;
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I AS bigint START WITH %s', seq, first_value);
  RETURN true;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "handoff_case_reference"(p_prefix text, p_year integer) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seq text := handoff_case_reference_sequence(p_prefix, p_year);
  n bigint;
BEGIN
  -- Made ahead (maintenance); creating it here is the fallback and needs CREATE on the schema.
  IF to_regclass(quote_ident(seq)) IS NULL THEN
    PERFORM handoff_ensure_case_reference_sequence(p_prefix, p_year);
  END IF;
  n := nextval(quote_ident(seq)::regclass);
  -- The format of the counter it replaced: CLM-2026-000041, more digits past 999,999.
  RETURN p_prefix || '-' || p_year || '-' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END;
END;
$$;
--> statement-breakpoint
-- Every prefix a case type's current definition uses, for this year and the next, now.
SELECT handoff_ensure_case_reference_sequence(p.prefix, y.year)
FROM (SELECT DISTINCT v.definition->>'referencePrefix' AS prefix
      FROM case_types t JOIN case_type_versions v
        ON v.case_type_id = t.id AND v.version = t.current_version
      WHERE v.definition->>'referencePrefix' IS NOT NULL) p,
     (VALUES (extract(year FROM now())::integer), (extract(year FROM now())::integer + 1)) y(year);
