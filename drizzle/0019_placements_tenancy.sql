-- Row-level security for the new tenant tables (see 0001_tenancy.sql).
SELECT lotse_apply_tenancy();
