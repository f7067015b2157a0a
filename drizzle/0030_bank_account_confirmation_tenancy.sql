-- Row-level security for bank_account_changes (see 0001_tenancy.sql).
SELECT lotse_apply_tenancy();
--> statement-breakpoint
-- Payouts made before the second-person rule existed are released as they were created.
UPDATE payouts SET released_at = created_at, released_by_user_id = created_by_user_id WHERE released_at IS NULL;
