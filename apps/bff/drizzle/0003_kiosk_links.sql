CREATE TABLE "kiosk_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "username" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "kiosk_link_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "kiosk_links_token_hash_idx" ON "kiosk_links" USING btree ("token_hash");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_kiosk_link_id_kiosk_links_id_fk" FOREIGN KEY ("kiosk_link_id") REFERENCES "public"."kiosk_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_kiosk_link_id_idx" ON "sessions" USING btree ("kiosk_link_id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_one_owner" CHECK (("sessions"."username" is null) <> ("sessions"."kiosk_link_id" is null));