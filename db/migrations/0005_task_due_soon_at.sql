ALTER TABLE "tasks" ADD COLUMN "due_soon_at" timestamp with time zone;--> statement-breakpoint
-- Tasks opened before the column: their pending or sent reminder is the due-soon point; without
-- one, the last quarter of the wall-clock span (business time cannot be computed in SQL).
UPDATE "tasks" SET "due_soon_at" = least("due_at", greatest("created_at", coalesce("remind_at", "reminded_at", "due_at" - ("due_at" - "created_at") / 4))) WHERE "due_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_open_due_soon_idx" ON "tasks" USING btree ("due_soon_at") WHERE "tasks"."status" in ('ready', 'claimed') and "tasks"."due_soon_at" is not null;
