CREATE TABLE "guide_request_status_changes" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid,
	"message" text,
	CONSTRAINT "guide_request_status_changes_pkey" PRIMARY KEY("network_id","id")
);
--> statement-breakpoint
CREATE TABLE "guide_requests" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text,
	"topic" text,
	"topic_kind" text GENERATED ALWAYS AS ('topics') STORED,
	"description" text,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"district_key" text,
	"district_kind" text GENERATED ALWAYS AS ('districts') STORED,
	"place" text,
	"starts_at" timestamp (3) with time zone,
	"ends_at" timestamp (3) with time zone,
	"schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expected_minutes" integer,
	"volunteers_needed" smallint DEFAULT 1 NOT NULL,
	"required_specializations" text[] DEFAULT '{}'::text[] NOT NULL,
	"involves_minors" boolean DEFAULT false NOT NULL,
	"seeker_age_group" text,
	"seeker_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"seeker_gender_preference" text,
	"seeker_wants_peer_match" boolean DEFAULT false NOT NULL,
	"seeker_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"requester_organization_id" uuid,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"status_since" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"created_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_requests_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "guide_requests_kind_check" CHECK (kind is null or kind in ('accompaniment', 'parents_evening', 'event_appearance', 'mentoring', 'language_help', 'office_help')),
	CONSTRAINT "guide_requests_status_check" CHECK (status in ('new', 'needs_info', 'ready', 'proposed', 'agreed', 'closed', 'cancelled')),
	CONSTRAINT "guide_requests_urgency_check" CHECK (urgency in ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "guide_requests_source_check" CHECK (source in ('partner', 'coordinator', 'public')),
	CONSTRAINT "guide_requests_time_check" CHECK (starts_at is null or ends_at is null or starts_at < ends_at)
);
--> statement-breakpoint
ALTER TABLE "guide_request_status_changes" ADD CONSTRAINT "guide_request_status_changes_request_fk" FOREIGN KEY ("network_id","request_id") REFERENCES "public"."guide_requests"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_request_status_changes" ADD CONSTRAINT "guide_request_status_changes_user_fk" FOREIGN KEY ("network_id","by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_requests" ADD CONSTRAINT "guide_requests_network_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_requests" ADD CONSTRAINT "guide_requests_topic_fk" FOREIGN KEY ("network_id","topic_kind","topic") REFERENCES "public"."catalog_entries"("network_id","kind","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_requests" ADD CONSTRAINT "guide_requests_district_fk" FOREIGN KEY ("network_id","district_kind","district_key") REFERENCES "public"."catalog_entries"("network_id","kind","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_requests" ADD CONSTRAINT "guide_requests_requester_fk" FOREIGN KEY ("network_id","requester_organization_id") REFERENCES "public"."organizations"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_requests" ADD CONSTRAINT "guide_requests_created_by_fk" FOREIGN KEY ("network_id","created_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guide_request_status_changes_request_idx" ON "guide_request_status_changes" USING btree ("network_id","request_id","at");--> statement-breakpoint
CREATE INDEX "guide_requests_status_idx" ON "guide_requests" USING btree ("network_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "guide_requests_created_idx" ON "guide_requests" USING btree ("network_id","created_at","id");--> statement-breakpoint
CREATE INDEX "guide_requests_requester_idx" ON "guide_requests" USING btree ("network_id","requester_organization_id","created_at");