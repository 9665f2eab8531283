CREATE TABLE "billing_simulator_payments" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"policy_number" text NOT NULL,
	"reference" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_simulator_payments_payment_id_unique" UNIQUE("payment_id")
);
--> statement-breakpoint
CREATE TABLE "authority_limit_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"limit_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"max_amount_cents" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authority_limit_versions_uq" UNIQUE("limit_id","version"),
	CONSTRAINT "authority_limit_versions_amount" CHECK ("authority_limit_versions"."max_amount_cents" is null or "authority_limit_versions"."max_amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "authority_limits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid,
	"user_id" uuid,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authority_limits_one_subject" CHECK (("authority_limits"."group_id" is null) <> ("authority_limits"."user_id" is null))
);
--> statement-breakpoint
CREATE TABLE "threshold_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" double precision NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "approval_requirement" jsonb;--> statement-breakpoint
ALTER TABLE "step_runs" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "authority_limit_versions" ADD CONSTRAINT "authority_limit_versions_limit_id_authority_limits_id_fk" FOREIGN KEY ("limit_id") REFERENCES "public"."authority_limits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_limit_versions" ADD CONSTRAINT "authority_limit_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_limits" ADD CONSTRAINT "authority_limits_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_limits" ADD CONSTRAINT "authority_limits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_settings" ADD CONSTRAINT "threshold_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "authority_limits_group_uq" ON "authority_limits" USING btree ("group_id") WHERE "authority_limits"."group_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "authority_limits_user_uq" ON "authority_limits" USING btree ("user_id") WHERE "authority_limits"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "step_runs_lease_idx" ON "step_runs" USING btree ("locked_until") WHERE "step_runs"."status" = 'running';--> statement-breakpoint
INSERT INTO "threshold_settings" ("key", "value") VALUES ('payout-variance-share', 0.1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Open cases whose routing rule asked for a second approval kept it on the task (context.approvalStepKey); it now lives on the case.
UPDATE "cases" SET "approval_requirement" = jsonb_build_object('stepKey', t."context"->>'approvalStepKey', 'rule', jsonb_build_object('id', t."routing"->>'ruleId', 'version', (t."routing"->>'ruleVersion')::integer, 'name', t."routing"->>'ruleName')) FROM "tasks" t WHERE t."case_id" = "cases"."id" AND t."context" ? 'approvalStepKey' AND t."routing"->>'ruleId' IS NOT NULL AND "cases"."status" IN ('open', 'waiting');
--> statement-breakpoint
INSERT INTO "threshold_settings" ("key", "value") VALUES ('automatic-approval-limit', 5000) ON CONFLICT DO NOTHING;
