ALTER TYPE "public"."actor_type" ADD VALUE 'anonymous';--> statement-breakpoint
CREATE TABLE "sign_in_throttle_windows" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"refused" integer DEFAULT 1 NOT NULL,
	"first_refused_at" timestamp with time zone NOT NULL,
	"last_refused_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sign_in_throttle_windows_scope_key_locked_until_pk" PRIMARY KEY("scope","key","locked_until")
);
