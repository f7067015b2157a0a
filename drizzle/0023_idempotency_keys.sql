CREATE TABLE "idempotency_keys" (
	"network_id" uuid NOT NULL,
	"key_hash" text NOT NULL,
	"fingerprint" text NOT NULL,
	"claim_token" uuid,
	"response_status" integer,
	"response_type" text,
	"response_body" "bytea",
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("network_id","key_hash"),
	CONSTRAINT "idempotency_keys_state_check" CHECK ((claim_token is null) = (response_status is not null))
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("network_id","created_at");