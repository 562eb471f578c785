CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"last" timestamp with time zone NOT NULL,
	"reported_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "operations" ADD COLUMN "dispatching_instance" text;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "items_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "last_error" jsonb;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "latency_ms" integer;