CREATE TYPE "public"."holiday_rule_kind" AS ENUM('fixed', 'nth_weekday', 'last_weekday');--> statement-breakpoint
CREATE TABLE "calendar_holiday_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"kind" "holiday_rule_kind" NOT NULL,
	"name" text NOT NULL,
	"month" integer NOT NULL,
	"day" integer,
	"weekday" integer,
	"n" integer,
	"observe_on_weekday" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_holiday_rules_month_ck" CHECK ("calendar_holiday_rules"."month" between 1 and 12),
	CONSTRAINT "calendar_holiday_rules_fixed_ck" CHECK ("calendar_holiday_rules"."kind" <> 'fixed' or ("calendar_holiday_rules"."day" between 1 and 31 and "calendar_holiday_rules"."weekday" is null and "calendar_holiday_rules"."n" is null)),
	CONSTRAINT "calendar_holiday_rules_nth_ck" CHECK ("calendar_holiday_rules"."kind" <> 'nth_weekday' or ("calendar_holiday_rules"."day" is null and "calendar_holiday_rules"."weekday" between 0 and 6 and "calendar_holiday_rules"."n" between 1 and 4 and not "calendar_holiday_rules"."observe_on_weekday")),
	CONSTRAINT "calendar_holiday_rules_last_ck" CHECK ("calendar_holiday_rules"."kind" <> 'last_weekday' or ("calendar_holiday_rules"."day" is null and "calendar_holiday_rules"."weekday" between 0 and 6 and "calendar_holiday_rules"."n" is null and not "calendar_holiday_rules"."observe_on_weekday"))
);
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "on_reassign" text DEFAULT 'restart' NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_holiday_rules" ADD CONSTRAINT "calendar_holiday_rules_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_holiday_rules_calendar_idx" ON "calendar_holiday_rules" USING btree ("calendar_id");