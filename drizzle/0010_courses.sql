CREATE TABLE "attendance" (
	"network_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_pkey" PRIMARY KEY("network_id","session_id","enrollment_id")
);
--> statement-breakpoint
CREATE TABLE "course_runs" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"title" text NOT NULL,
	"capacity" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"provider_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_runs_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "course_runs_status_check" CHECK (status in ('planned', 'open', 'running', 'completed', 'cancelled')),
	CONSTRAINT "course_runs_capacity_check" CHECK (capacity > 0)
);
--> statement-breakpoint
CREATE TABLE "course_sessions" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"topic" text,
	"room" text,
	"instructors" text[] DEFAULT '{}'::text[] NOT NULL,
	"teaching_hours" numeric(6, 2) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_sessions_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "course_sessions_time_check" CHECK (starts_at < ends_at),
	CONSTRAINT "course_sessions_hours_check" CHECK (teaching_hours > 0),
	CONSTRAINT "course_sessions_instructors_check" CHECK (cardinality(instructors) <= 2)
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"teaching_hours" numeric(6, 2) NOT NULL,
	"specialization_key" text,
	"specialization_kind" text GENERATED ALWAYS AS ('specializations') STORED,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "courses_kind_check" CHECK (kind in ('basic', 'specialization', 'advanced', 'sustainability')),
	CONSTRAINT "courses_specialization_check" CHECK ((kind = 'specialization') = (specialization_key is not null)),
	CONSTRAINT "courses_hours_check" CHECK (teaching_hours > 0 and (kind <> 'specialization' or teaching_hours <= 100))
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"queued_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_on" date,
	"certificate_code" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollments_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "enrollments_run_volunteer_key" UNIQUE("network_id","run_id","volunteer_id"),
	CONSTRAINT "enrollments_certificate_code_key" UNIQUE("network_id","certificate_code"),
	CONSTRAINT "enrollments_status_check" CHECK (status in ('enrolled', 'waitlisted', 'cancelled', 'completed', 'not_completed')),
	CONSTRAINT "enrollments_certificate_check" CHECK (certificate_code is null or (status = 'completed' and completed_on is not null))
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_fk" FOREIGN KEY ("network_id","session_id") REFERENCES "public"."course_sessions"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_enrollment_fk" FOREIGN KEY ("network_id","enrollment_id") REFERENCES "public"."enrollments"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_runs" ADD CONSTRAINT "course_runs_course_fk" FOREIGN KEY ("network_id","course_id") REFERENCES "public"."courses"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_runs" ADD CONSTRAINT "course_runs_provider_fk" FOREIGN KEY ("network_id","provider_id") REFERENCES "public"."organizations"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_run_fk" FOREIGN KEY ("network_id","run_id") REFERENCES "public"."course_runs"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_network_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_specialization_fk" FOREIGN KEY ("network_id","specialization_kind","specialization_key") REFERENCES "public"."catalog_entries"("network_id","kind","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_run_fk" FOREIGN KEY ("network_id","run_id") REFERENCES "public"."course_runs"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_enrollment_idx" ON "attendance" USING btree ("network_id","enrollment_id");--> statement-breakpoint
CREATE INDEX "course_runs_course_idx" ON "course_runs" USING btree ("network_id","course_id","created_at");--> statement-breakpoint
CREATE INDEX "course_sessions_run_idx" ON "course_sessions" USING btree ("network_id","run_id","starts_at");--> statement-breakpoint
CREATE INDEX "courses_title_idx" ON "courses" USING btree ("network_id","title","id");--> statement-breakpoint
CREATE INDEX "enrollments_run_idx" ON "enrollments" USING btree ("network_id","run_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "enrollments_volunteer_idx" ON "enrollments" USING btree ("network_id","volunteer_id");