CREATE TABLE "catalog_entries" (
	"network_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"parent_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_entries_pkey" PRIMARY KEY("network_id","kind","key"),
	CONSTRAINT "catalog_entries_kind_check" CHECK (kind in ('specializations', 'topics', 'districts')),
	CONSTRAINT "catalog_entries_parent_check" CHECK (parent_key is null or kind = 'districts')
);
--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD CONSTRAINT "catalog_entries_network_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD CONSTRAINT "catalog_entries_parent_fk" FOREIGN KEY ("network_id","kind","parent_key") REFERENCES "public"."catalog_entries"("network_id","kind","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_entries_name_idx" ON "catalog_entries" USING btree ("network_id","kind","name");