ALTER TABLE "memberships" DROP CONSTRAINT "memberships_pkey";
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_pkey" PRIMARY KEY("network_id","user_id","organization_id","role");