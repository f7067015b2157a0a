CREATE TABLE "consents" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"text_version" text NOT NULL,
	"given_on" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	CONSTRAINT "consents_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "consents_purpose_check" CHECK (purpose in ('origin_data', 'data_processing', 'contact')),
	CONSTRAINT "consents_subject_check" CHECK (subject_kind in ('volunteer', 'seeker'))
);
--> statement-breakpoint
CREATE TABLE "volunteer_absences" (
	"network_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"note" text,
	CONSTRAINT "volunteer_absences_pkey" PRIMARY KEY("network_id","volunteer_id","from_date"),
	CONSTRAINT "volunteer_absences_order_check" CHECK (from_date <= to_date)
);
--> statement-breakpoint
CREATE TABLE "volunteer_availability" (
	"network_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"from_minute" smallint NOT NULL,
	"to_minute" smallint NOT NULL,
	CONSTRAINT "volunteer_availability_pkey" PRIMARY KEY("network_id","volunteer_id","weekday","from_minute"),
	CONSTRAINT "volunteer_availability_slot_check" CHECK (weekday between 1 and 7 and from_minute >= 0 and to_minute <= 1440 and from_minute < to_minute)
);
--> statement-breakpoint
CREATE TABLE "volunteer_keys" (
	"network_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "volunteer_keys_pkey" PRIMARY KEY("network_id","volunteer_id","relation","key"),
	CONSTRAINT "volunteer_keys_kind_check" CHECK ((relation, kind) in (('specialization', 'specializations'), ('topic', 'topics'), ('competence_limit', 'topics'), ('interest', 'topics'), ('district', 'districts')))
);
--> statement-breakpoint
CREATE TABLE "volunteer_languages" (
	"network_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"level_rank" smallint NOT NULL,
	CONSTRAINT "volunteer_languages_pkey" PRIMARY KEY("network_id","volunteer_id","code")
);
--> statement-breakpoint
CREATE TABLE "volunteer_origins" (
	"network_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"country" text NOT NULL,
	CONSTRAINT "volunteer_origins_pkey" PRIMARY KEY("network_id","volunteer_id","country")
);
--> statement-breakpoint
CREATE TABLE "volunteer_qualifications" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"type" text NOT NULL,
	"completed_on" date NOT NULL,
	"provider" text,
	"specialization_key" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_qualifications_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "volunteer_qualifications_type_check" CHECK (type in ('basic', 'specialization', 'advanced', 'sustainability', 'other'))
);
--> statement-breakpoint
CREATE TABLE "volunteer_status_changes" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"by_user_id" uuid,
	CONSTRAINT "volunteer_status_changes_pkey" PRIMARY KEY("network_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"birth_year" smallint,
	"gender" text,
	"gender_self_described" text,
	"contact_language" text,
	"trade" text,
	"trade_free_text" text,
	"professional_position" text,
	"home_district" text,
	"home_district_kind" text GENERATED ALWAYS AS ('districts') STORED,
	"max_active_agreements" smallint DEFAULT 2 NOT NULL,
	"max_hours_per_month" smallint DEFAULT 10 NOT NULL,
	"status" text DEFAULT 'interested' NOT NULL,
	"status_since" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"confidentiality_signed_on" date,
	"data_protection_consent_on" date,
	"insurance_noted_on" date,
	"police_certificate_on" date,
	"last_supervision_on" date,
	"notes" text,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('german'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(city, '') || ' ' || coalesce(trade_free_text, ''))) STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "volunteers_user_key" UNIQUE("network_id","user_id"),
	CONSTRAINT "volunteers_status_check" CHECK (status in ('interested', 'onboarding', 'in_training', 'active', 'paused', 'left')),
	CONSTRAINT "volunteers_gender_check" CHECK (gender is null or gender in ('female', 'male', 'diverse', 'self_described')),
	CONSTRAINT "volunteers_position_check" CHECK (professional_position is null or professional_position in ('apprentice', 'journeyman', 'master', 'employee', 'self_employed', 'student', 'retired', 'other'))
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_network_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_absences" ADD CONSTRAINT "volunteer_absences_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_availability" ADD CONSTRAINT "volunteer_availability_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_keys" ADD CONSTRAINT "volunteer_keys_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_keys" ADD CONSTRAINT "volunteer_keys_catalog_fk" FOREIGN KEY ("network_id","kind","key") REFERENCES "public"."catalog_entries"("network_id","kind","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_languages" ADD CONSTRAINT "volunteer_languages_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_origins" ADD CONSTRAINT "volunteer_origins_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_qualifications" ADD CONSTRAINT "volunteer_qualifications_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_status_changes" ADD CONSTRAINT "volunteer_status_changes_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_network_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_user_fk" FOREIGN KEY ("network_id","user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_home_district_fk" FOREIGN KEY ("network_id","home_district_kind","home_district") REFERENCES "public"."catalog_entries"("network_id","kind","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_subject_idx" ON "consents" USING btree ("network_id","subject_kind","subject_id","purpose");--> statement-breakpoint
CREATE INDEX "volunteer_availability_weekday_idx" ON "volunteer_availability" USING btree ("network_id","weekday","from_minute","to_minute");--> statement-breakpoint
CREATE INDEX "volunteer_keys_lookup_idx" ON "volunteer_keys" USING btree ("network_id","relation","key","volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_languages_code_idx" ON "volunteer_languages" USING btree ("network_id","code","level_rank");--> statement-breakpoint
CREATE INDEX "volunteer_qualifications_volunteer_idx" ON "volunteer_qualifications" USING btree ("network_id","volunteer_id","type");--> statement-breakpoint
CREATE INDEX "volunteer_status_changes_volunteer_idx" ON "volunteer_status_changes" USING btree ("network_id","volunteer_id","at");--> statement-breakpoint
CREATE INDEX "volunteers_name_idx" ON "volunteers" USING btree ("network_id","last_name","id");--> statement-breakpoint
CREATE INDEX "volunteers_status_idx" ON "volunteers" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "volunteers_email_idx" ON "volunteers" USING btree ("network_id","email");--> statement-breakpoint
CREATE INDEX "volunteers_search_idx" ON "volunteers" USING gin ("search");