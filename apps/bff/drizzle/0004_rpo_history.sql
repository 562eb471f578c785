CREATE TABLE "rpo_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rpo_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"tenant" text,
	"compliant" integer NOT NULL,
	"exceeded" integer NOT NULL,
	"severe" integer NOT NULL,
	"critical" integer NOT NULL,
	"unknown" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rpo_history_at_idx" ON "rpo_history" USING btree ("at");--> statement-breakpoint
CREATE INDEX "rpo_history_tenant_at_idx" ON "rpo_history" USING btree ("tenant","at");