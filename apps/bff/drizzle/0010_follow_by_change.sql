CREATE TABLE "source_item_removals" (
	"source_id" text NOT NULL,
	"collection" text NOT NULL,
	"item_id" text NOT NULL,
	"removed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "source_item_removals_source_id_collection_item_id_pk" PRIMARY KEY("source_id","collection","item_id")
);
--> statement-breakpoint
ALTER TABLE "source_items" ADD COLUMN "changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "items_rewritten_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "source_item_removals_removed" ON "source_item_removals" USING btree ("source_id","removed_at");--> statement-breakpoint
CREATE INDEX "source_items_changed" ON "source_items" USING btree ("source_id","changed_at");