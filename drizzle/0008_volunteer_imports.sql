CREATE TABLE "volunteer_import_mappings" (
	"network_id" uuid NOT NULL,
	"header_key" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_import_mappings_pkey" PRIMARY KEY("network_id","header_key")
);
--> statement-breakpoint
ALTER TABLE "volunteer_import_mappings" ADD CONSTRAINT "volunteer_import_mappings_network_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;