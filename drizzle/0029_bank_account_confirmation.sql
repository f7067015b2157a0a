CREATE TABLE "bank_account_changes" (
	"network_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"iban" text NOT NULL,
	"bic" text,
	"account_holder" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"decision" text,
	"decided_at" timestamp (3) with time zone,
	CONSTRAINT "bank_account_changes_pkey" PRIMARY KEY("network_id","id"),
	CONSTRAINT "bank_account_changes_token_key" UNIQUE("network_id","token_hash"),
	CONSTRAINT "bank_account_changes_decision_check" CHECK ((decision is null) = (decided_at is null) and (decision is null or decision in ('confirmed', 'rejected', 'superseded')))
);
--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "bank_account_entered_by" uuid;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "released_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "released_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "bank_account_changes" ADD CONSTRAINT "bank_account_changes_volunteer_fk" FOREIGN KEY ("network_id","volunteer_id") REFERENCES "public"."volunteers"("network_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_account_changes" ADD CONSTRAINT "bank_account_changes_requested_by_fk" FOREIGN KEY ("network_id","requested_by") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_account_changes_open_key" ON "bank_account_changes" USING btree ("network_id","volunteer_id") WHERE decided_at is null;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_bank_entered_by_fk" FOREIGN KEY ("network_id","bank_account_entered_by") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_released_by_fk" FOREIGN KEY ("network_id","released_by_user_id") REFERENCES "public"."users"("network_id","id") ON DELETE set null ON UPDATE no action;