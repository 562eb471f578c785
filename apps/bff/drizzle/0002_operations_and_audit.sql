CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"roles" text[] NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"params" jsonb,
	"reason" text,
	"ticket" text,
	"outcome" text NOT NULL,
	"request_id" text,
	"correlation" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"username" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"operation_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_username_key_pk" PRIMARY KEY("username","key")
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"plan_name" text NOT NULL,
	"source_id" text NOT NULL,
	"native_plan_id" text NOT NULL,
	"action" text NOT NULL,
	"params" jsonb NOT NULL,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"ticket" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"plan_state_at_request" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"dispatched_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"upstream_answer" jsonb,
	"progress" jsonb,
	"message" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_one_active_per_plan" ON "operations" USING btree ("plan_id") WHERE state in ('requested', 'awaiting_approval', 'approved', 'dispatching', 'dispatched', 'running', 'unknown');--> statement-breakpoint
CREATE INDEX "operations_requested_at_idx" ON "operations" USING btree ("requested_at");