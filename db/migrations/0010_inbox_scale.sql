-- Inbox at 1,000,000 open tasks (issue 15). The queues that span a person's visibility (Due
-- today, Overdue, all, Escalated) are read as one index range per visible group plus the person's
-- own tasks outside those groups, instead of one OR that no index answers: each group's open
-- tasks in the inbox's due order, and each group's escalated ones in the same order (which
-- replaces the (group, escalated_at) index: nothing reads escalated work in that order).
CREATE INDEX "tasks_group_open_page_idx" ON "tasks" USING btree ("candidate_group_id",coalesce("due_at", 'infinity'::timestamptz),"id") WHERE "tasks"."status" in ('ready', 'claimed');--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_escalated_open_idx";--> statement-breakpoint
CREATE INDEX "tasks_escalated_page_idx" ON "tasks" USING btree ("candidate_group_id",coalesce("due_at", 'infinity'::timestamptz),"id") WHERE "tasks"."status" in ('ready', 'claimed') and "tasks"."escalation_level" > 0;
