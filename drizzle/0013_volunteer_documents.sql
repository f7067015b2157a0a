CREATE TABLE "saved_filters" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_filters_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "saved_filters_name_key" UNIQUE("network_id","user_id","name")
);
--> statement-breakpoint
CREATE TABLE "volunteer_documents" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_documents_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "volunteer_documents_type_check" CHECK (content_type in ('application/pdf', 'image/png', 'image/jpeg'))
);
--> statement-breakpoint
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_user_fk" FOREIGN KEY ("network_id","user_id") REFERENCES "public"."users"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_documents" ADD CONSTRAINT "volunteer_documents_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_documents_volunteer_idx" ON "volunteer_documents" USING btree ("network_id","volunteer_id","created_at");