-- Change events for push (lib/events): the database itself announces every change of tasks,
-- notifications and of who may see what, on channel "handoff_changes", so no code path can forget
-- to, and a rolled-back change announces nothing (NOTIFY is delivered at commit only).
-- One pg_notify per statement, never per row: statement-level triggers read the transition tables,
-- so a sweep escalating 10,000 tasks in one UPDATE sends one message. Payloads stay far below
-- PostgreSQL's 8000-byte limit: ids are listed only up to a cap, past it the message says
-- "all" (every open screen refreshes once) instead of growing.
-- Payloads, compact JSON:
--   tasks:         {"k":"t","g":[group…],"u":[user…],"r":[[task,[group…],[user…]]…]}  (r only for ≤ 10 tasks)
--                  or {"k":"t","all":true}; groups and users are old and new (the queue a task
--                  left and the person who lost it learn of it too)
--   notifications: {"k":"n","u":[user…]} or {"k":"n","all":true}
--   principals:    {"k":"p","u":[user…]} or {"k":"p","all":true} (memberships, supervisors,
--                  users: open streams reload who they serve)
CREATE OR REPLACE FUNCTION "handoff_task_change_payload"(ids uuid[], grps uuid[], usrs uuid[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  WITH e AS (SELECT * FROM unnest(ids, grps, usrs) AS e(i, g, u)),
  s AS (
    SELECT count(DISTINCT i) AS tn, count(DISTINCT g) AS gn, count(DISTINCT u) AS un,
      coalesce(array_agg(DISTINCT g) FILTER (WHERE g IS NOT NULL), '{}') AS ga,
      coalesce(array_agg(DISTINCT u) FILTER (WHERE u IS NOT NULL), '{}') AS ua
    FROM e
  )
  SELECT CASE
    WHEN s.gn > 40 OR s.un > 40 THEN '{"k":"t","all":true}'
    ELSE json_build_object('k', 't', 'g', s.ga, 'u', s.ua, 'r', CASE WHEN s.tn <= 10 THEN (
      SELECT json_agg(json_build_array(x.i, x.ga, x.ua)) FROM (
        SELECT i,
          coalesce(array_agg(DISTINCT g) FILTER (WHERE g IS NOT NULL), '{}') AS ga,
          coalesce(array_agg(DISTINCT u) FILTER (WHERE u IS NOT NULL), '{}') AS ua
        FROM e GROUP BY i
      ) x) END)::text
  END
  FROM s
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "handoff_users_payload"(kind text, usrs uuid[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN count(DISTINCT u) > 150 THEN json_build_object('k', kind, 'all', true)::text
    ELSE json_build_object('k', kind, 'u', coalesce(array_agg(DISTINCT u) FILTER (WHERE u IS NOT NULL), '{}'))::text
  END
  FROM unnest(usrs) AS u
$$;--> statement-breakpoint
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
    SELECT array_agg(id), array_agg(candidate_group_id), array_agg(assignee_id)
      INTO ids, grps, usrs
      FROM (SELECT id, candidate_group_id, assignee_id FROM new_rows
            UNION ALL SELECT id, candidate_group_id, assignee_id FROM old_rows) r;
  ELSE
    SELECT array_agg(id), array_agg(candidate_group_id), array_agg(assignee_id)
      INTO ids, grps, usrs FROM old_rows;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM pg_notify('handoff_changes', handoff_task_change_payload(ids, grps, usrs));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "handoff_notify_notification_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  usrs uuid[];
BEGIN
  SELECT array_agg(user_id) INTO usrs FROM new_rows;
  IF usrs IS NOT NULL THEN
    PERFORM pg_notify('handoff_changes', handoff_users_payload('n', usrs));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "handoff_notify_principal_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  usrs uuid[];
BEGIN
  IF TG_TABLE_NAME = 'group_memberships' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(user_id) INTO usrs FROM new_rows;
    ELSE
      SELECT array_agg(user_id) INTO usrs FROM old_rows;
    END IF;
  ELSIF TG_TABLE_NAME = 'groups' THEN
    -- Only a change of supervisor changes who sees the group's work.
    SELECT array_agg(s) INTO usrs FROM (
      SELECT n.supervisor_id AS s FROM new_rows n JOIN old_rows o USING (id)
        WHERE n.supervisor_id IS DISTINCT FROM o.supervisor_id
      UNION ALL
      SELECT o.supervisor_id FROM new_rows n JOIN old_rows o USING (id)
        WHERE n.supervisor_id IS DISTINCT FROM o.supervisor_id
    ) x WHERE s IS NOT NULL;
  ELSE
    -- users: role, activity and password changes decide what a stream may still send.
    SELECT array_agg(n.id) INTO usrs FROM new_rows n JOIN old_rows o USING (id)
      WHERE (n.role, n.active, n.password_changed_at)
        IS DISTINCT FROM (o.role, o.active, o.password_changed_at);
  END IF;
  IF usrs IS NOT NULL THEN
    PERFORM pg_notify('handoff_changes', handoff_users_payload('p', usrs));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "tasks_change_events_insert" AFTER INSERT ON "tasks"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_task_change"();--> statement-breakpoint
CREATE TRIGGER "tasks_change_events_update" AFTER UPDATE ON "tasks"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_task_change"();--> statement-breakpoint
CREATE TRIGGER "tasks_change_events_delete" AFTER DELETE ON "tasks"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_task_change"();--> statement-breakpoint
CREATE TRIGGER "notifications_change_events_insert" AFTER INSERT ON "notifications"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_notification_change"();--> statement-breakpoint
CREATE TRIGGER "notifications_change_events_update" AFTER UPDATE ON "notifications"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_notification_change"();--> statement-breakpoint
CREATE TRIGGER "group_memberships_change_events_insert" AFTER INSERT ON "group_memberships"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_principal_change"();--> statement-breakpoint
CREATE TRIGGER "group_memberships_change_events_delete" AFTER DELETE ON "group_memberships"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_principal_change"();--> statement-breakpoint
CREATE TRIGGER "groups_change_events_update" AFTER UPDATE ON "groups"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_principal_change"();--> statement-breakpoint
CREATE TRIGGER "users_change_events_update" AFTER UPDATE ON "users"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "handoff_notify_principal_change"();
