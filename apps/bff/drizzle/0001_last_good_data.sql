CREATE TABLE "source_collections" (
	"source_id" text NOT NULL,
	"collection" text NOT NULL,
	"digest" text NOT NULL,
	"items" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "source_collections_source_id_collection_pk" PRIMARY KEY("source_id","collection")
);
--> statement-breakpoint
CREATE TABLE "source_state" (
	"source_id" text PRIMARY KEY NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"unreadable" jsonb NOT NULL
);
