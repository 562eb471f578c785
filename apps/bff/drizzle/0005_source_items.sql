CREATE TABLE "source_items" (
	"source_id" text NOT NULL,
	"collection" text NOT NULL,
	"item_id" text NOT NULL,
	"item" jsonb NOT NULL,
	CONSTRAINT "source_items_source_id_collection_item_id_pk" PRIMARY KEY("source_id","collection","item_id")
);
