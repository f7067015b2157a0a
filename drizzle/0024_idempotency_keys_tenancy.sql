-- Row-level security for the new tenant table (see 0001_tenancy.sql).
SELECT lotse_apply_tenancy();
