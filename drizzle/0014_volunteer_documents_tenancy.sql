-- New tenant tables get row-level security like every other (see 0001_tenancy.sql).
SELECT lotse_apply_tenancy();
