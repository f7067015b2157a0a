CREATE TABLE "proposals" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"score" real,
	"message" text,
	"proposed_by_user_id" uuid,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"answered_by_user_id" uuid,
	"answered_on_behalf" boolean DEFAULT false NOT NULL,
	"decline_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "proposals_status_check" CHECK (status in ('pending', 'accepted', 'declined', 'expired', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"request_id" uuid,
	"proposal_id" uuid,
	"organization_id" uuid,
	"counterpart" text,
	"scope" text NOT NULL,
	"goals" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"extensions" smallint DEFAULT 0 NOT NULL,
	"reminded_for_end_on" date,
	"closed_on" date,
	"outcome" text,
	"volunteer_feedback" text,
	"partner_feedback" text,
	"created_by_user_id" uuid,
	"closed_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "agreements_status_check" CHECK (status in ('active', 'closed')),
	CONSTRAINT "agreements_outcome_check" CHECK (outcome is null or outcome in ('achieved', 'partly_achieved', 'not_achieved', 'ended_early')),
	CONSTRAINT "agreements_period_check" CHECK (starts_on <= ends_on),
	CONSTRAINT "agreements_closed_check" CHECK ((status = 'closed') = (closed_on is not null and outcome is not null))
);
--> statement-breakpoint
CREATE TABLE "deployment_receipts" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_receipts_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "deployment_receipts_type_check" CHECK (content_type in ('application/pdf', 'image/png', 'image/jpeg'))
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"minutes" integer NOT NULL,
	"distance_tenths" integer DEFAULT 0 NOT NULL,
	"transport" text,
	"ticket_cents" integer DEFAULT 0 NOT NULL,
	"note" text,
	"confirmed_at" timestamp (3) with time zone,
	"confirmed_by_user_id" uuid,
	"claim_id" uuid,
	"created_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployments_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "deployments_transport_check" CHECK (transport is null or transport in ('car', 'bicycle', 'public_transport', 'on_foot', 'other')),
	CONSTRAINT "deployments_amounts_check" CHECK (minutes > 0 and minutes <= 1440 and distance_tenths >= 0 and ticket_cents >= 0)
);
--> statement-breakpoint
CREATE TABLE "expense_claims" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"tax_year" smallint NOT NULL,
	"distance_tenths" integer NOT NULL,
	"mileage_rate_cents" integer NOT NULL,
	"mileage_cents" integer NOT NULL,
	"ticket_cents" integer NOT NULL,
	"allowance_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"submitted_by_user_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decided_by_user_id" uuid,
	"rejection_reason" text,
	"payout_id" uuid,
	"paid_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expense_claims_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "expense_claims_status_check" CHECK (status in ('submitted', 'approved', 'rejected', 'paid')),
	CONSTRAINT "expense_claims_amounts_check" CHECK (mileage_cents >= 0 and ticket_cents >= 0 and allowance_cents >= 0 and total_cents = mileage_cents + ticket_cents + allowance_cents and total_cents > 0),
	CONSTRAINT "expense_claims_rejection_check" CHECK ((status = 'rejected') = (rejection_reason is not null))
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"execution_date" date NOT NULL,
	"claim_count" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"sepa_xml" text NOT NULL,
	"created_by_user_id" uuid,
	"paid_at" timestamp (3) with time zone,
	"paid_by_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_pkey" PRIMARY KEY("network_id","id")
);
--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "iban" text;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "bic" text;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "account_holder" text;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_request_fk" FOREIGN KEY ("network_id","request_id") REFERENCES "public"."guide_requests"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposed_by_fk" FOREIGN KEY ("network_id","proposed_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_answered_by_fk" FOREIGN KEY ("network_id","answered_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_request_fk" FOREIGN KEY ("network_id","request_id") REFERENCES "public"."guide_requests"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_proposal_fk" FOREIGN KEY ("network_id","proposal_id") REFERENCES "public"."proposals"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_organization_fk" FOREIGN KEY ("network_id","organization_id") REFERENCES "public"."organizations"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_fk" FOREIGN KEY ("network_id","created_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_closed_by_fk" FOREIGN KEY ("network_id","closed_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_receipts" ADD CONSTRAINT "deployment_receipts_deployment_fk" FOREIGN KEY ("network_id","deployment_id") REFERENCES "public"."deployments"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_agreement_fk" FOREIGN KEY ("network_id","agreement_id") REFERENCES "public"."agreements"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_confirmed_by_fk" FOREIGN KEY ("network_id","confirmed_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_created_by_fk" FOREIGN KEY ("network_id","created_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_claim_fk" FOREIGN KEY ("network_id","claim_id") REFERENCES "public"."expense_claims"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_payout_fk" FOREIGN KEY ("network_id","payout_id") REFERENCES "public"."payouts"("network_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_submitted_by_fk" FOREIGN KEY ("network_id","submitted_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_claims" ADD CONSTRAINT "expense_claims_decided_by_fk" FOREIGN KEY ("network_id","decided_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_created_by_fk" FOREIGN KEY ("network_id","created_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_paid_by_fk" FOREIGN KEY ("network_id","paid_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_open_key" ON "proposals" USING btree ("network_id","request_id","volunteer_id") WHERE status in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "proposals_request_idx" ON "proposals" USING btree ("network_id","request_id","created_at");--> statement-breakpoint
CREATE INDEX "proposals_volunteer_idx" ON "proposals" USING btree ("network_id","volunteer_id","status");--> statement-breakpoint
CREATE INDEX "proposals_expiry_idx" ON "proposals" USING btree ("network_id","expires_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "agreements_volunteer_idx" ON "agreements" USING btree ("network_id","volunteer_id","status");--> statement-breakpoint
CREATE INDEX "agreements_organization_idx" ON "agreements" USING btree ("network_id","organization_id","status");--> statement-breakpoint
CREATE INDEX "agreements_ending_idx" ON "agreements" USING btree ("network_id","ends_on") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "agreements_request_idx" ON "agreements" USING btree ("network_id","request_id");--> statement-breakpoint
CREATE INDEX "deployment_receipts_deployment_idx" ON "deployment_receipts" USING btree ("network_id","deployment_id");--> statement-breakpoint
CREATE INDEX "deployments_volunteer_idx" ON "deployments" USING btree ("network_id","volunteer_id","on_date");--> statement-breakpoint
CREATE INDEX "deployments_agreement_idx" ON "deployments" USING btree ("network_id","agreement_id","on_date");--> statement-breakpoint
CREATE INDEX "deployments_claim_idx" ON "deployments" USING btree ("network_id","claim_id");--> statement-breakpoint
CREATE INDEX "expense_claims_status_idx" ON "expense_claims" USING btree ("network_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "expense_claims_volunteer_idx" ON "expense_claims" USING btree ("network_id","volunteer_id","tax_year");--> statement-breakpoint
CREATE INDEX "payouts_created_idx" ON "payouts" USING btree ("network_id","created_at","id");