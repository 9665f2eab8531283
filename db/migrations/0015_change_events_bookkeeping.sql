-- Change events (0011) without bookkeeping: an UPDATE of tasks announces only the rows whose
-- visible columns changed. A reminder sweep that only spends remind_at/reminded_at, or a policy
-- change that only moves next_escalation_at, no longer wakes every open screen of the queue; nor
-- does an UPDATE that sets columns to the values they had. (A trigger column list,
-- AFTER UPDATE OF …, cannot be used: PostgreSQL refuses column lists on triggers with
-- transition tables; and it would fire whenever a column is named in SET, changed or not.)
-- version is not bookkeeping: a client holding a stale version must learn of the new one.
CREATE OR REPLACE FUNCTION "handoff_notify_task_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  grps uuid[];
  usrs uuid[];
BEGIN
  -- Each transition table exists only for its event, so each branch names only its own.
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(id), array_agg(candidate_group_id), array_agg(assignee_id)
      INTO ids, grps, usrs FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Old and new of each row side by side (a window, not a join: transition tables have no
    -- statistics, and a nested loop over 10,000 rows each way takes seconds).
    SELECT array_agg(id), array_agg(g), array_agg(u) INTO ids, grps, usrs FROM (
      SELECT id, g, u, min(v) OVER w IS DISTINCT FROM max(v) OVER w AS changed FROM (
        SELECT id, candidate_group_id AS g, assignee_id AS u,
          (to_jsonb(n) - '{remind_at,reminded_at,next_escalation_at,updated_at}'::text[])::text AS v
          FROM new_rows n
        UNION ALL
        SELECT id, candidate_group_id, assignee_id,
          (to_jsonb(o) - '{remind_at,reminded_at,next_escalation_at,updated_at}'::text[])::text
          FROM old_rows o
      ) r WINDOW w AS (PARTITION BY id)
    ) x WHERE changed;
  ELSE
    SELECT array_agg(id), array_agg(candidate_group_id), array_agg(assignee_id)
      INTO ids, grps, usrs FROM old_rows;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM pg_notify('handoff_changes', handoff_task_change_payload(ids, grps, usrs));
  END IF;
  RETURN NULL;
END
$$;
