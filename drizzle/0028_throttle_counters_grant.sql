-- The TOTP attempt is counted inside the sign-in's tenant transaction (role lotse_app), so the
-- global throttle_counters table needs the app role's grants (see 0001_tenancy.sql). It has no
-- network_id, so no row-level policy is added.
SELECT lotse_apply_tenancy();
