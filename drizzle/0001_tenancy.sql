-- Row-level security as the second wall between networks (see docs/decisions/0002-tenancy.md).
-- Requests run as the non-owner role lotse_app; its policy shows only rows of the network named in
-- the transaction-local setting lotse.network_id. The owner sees nothing (FORCE) unless a
-- maintenance transaction (backup, restore) switches lotse.maintenance on.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lotse_app') THEN
    CREATE ROLE lotse_app NOLOGIN;
  END IF;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  -- The connecting role must be allowed to switch to lotse_app (superusers always are).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT lotse_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotse_apply_tenancy() RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  t record;
  tenant_check text := 'network_id = nullif(current_setting(''lotse.network_id'', true), '''')::uuid';
  maintenance_check text := 'current_setting(''lotse.maintenance'', true) = ''on''';
BEGIN
  FOR t IN
    SELECT c.relname
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'network_id' AND NOT a.attisdropped
     WHERE n.nspname = current_schema()
       AND c.relkind IN ('r', 'p')
       -- global lookups without personal content (see their table definitions)
       AND c.relname NOT IN ('account_emails')
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t.relname AND policyname = 'tenant_isolation') THEN
      EXECUTE format('CREATE POLICY tenant_isolation ON %I TO lotse_app USING (%s) WITH CHECK (%s)', t.relname, tenant_check, tenant_check);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t.relname AND policyname = 'maintenance') THEN
      EXECUTE format('CREATE POLICY maintenance ON %I TO %I USING (%s) WITH CHECK (%s)', t.relname, current_user, maintenance_check, maintenance_check);
    END IF;
  END LOOP;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO lotse_app', current_schema());
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO lotse_app', current_schema());
END
$fn$;
--> statement-breakpoint
SELECT lotse_apply_tenancy();
