CREATE TABLE "matching_changes" (
	"network_id" uuid NOT NULL,
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"volunteer_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "matching_changes_xid_idx" ON "matching_changes" USING btree ("network_id","xid");--> statement-breakpoint
CREATE INDEX "matching_changes_created_idx" ON "matching_changes" USING btree ("network_id","created_at");