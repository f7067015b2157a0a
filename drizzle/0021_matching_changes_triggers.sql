-- Matching keeps each network's eligible volunteers in memory (src/server/modules/matching/matching-pool.ts).
-- These statement-level triggers note, in the same transaction as the change, which volunteers'
-- matching profile or load changed: profile, languages, keys, availability, absences, qualifications,
-- origins and their consent, agreements, deployments. A change to the district catalogue, or one
-- statement touching very many volunteers, notes "everything" (a row without a volunteer).
-- Volunteer ids never change on update, so the new rows name them.
SELECT lotse_apply_tenancy();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotse_matching_record(p_network uuid, p_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF p_ids IS NULL OR cardinality(p_ids) > 500 THEN
    INSERT INTO matching_changes (network_id, volunteer_id) VALUES (p_network, NULL);
  ELSE
    INSERT INTO matching_changes (network_id, volunteer_id) SELECT p_network, unnest(p_ids);
  END IF;
  -- Now and then, forget what every server process has long seen (a pool older than ten minutes is rebuilt).
  IF random() < 0.02 THEN
    DELETE FROM matching_changes WHERE network_id = p_network AND created_at < now() - interval '1 hour';
  END IF;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotse_matching_changed_self() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE r record;
BEGIN
  FOR r IN SELECT network_id, array_agg(DISTINCT id) AS ids FROM changed GROUP BY network_id LOOP
    PERFORM lotse_matching_record(r.network_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotse_matching_changed_volunteer() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE r record;
BEGIN
  FOR r IN SELECT network_id, array_agg(DISTINCT volunteer_id) AS ids FROM changed GROUP BY network_id LOOP
    PERFORM lotse_matching_record(r.network_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotse_matching_changed_consent() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE r record;
BEGIN
  FOR r IN SELECT network_id, array_agg(DISTINCT subject_id) AS ids FROM changed WHERE subject_kind = 'volunteer' GROUP BY network_id LOOP
    PERFORM lotse_matching_record(r.network_id, r.ids);
  END LOOP;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotse_matching_changed_catalog() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE r record;
BEGIN
  FOR r IN SELECT DISTINCT network_id FROM changed WHERE kind = 'districts' LOOP
    PERFORM lotse_matching_record(r.network_id, NULL);
  END LOOP;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
  ev text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('volunteers', 'self'), ('volunteer_languages', 'volunteer'), ('volunteer_keys', 'volunteer'),
      ('volunteer_availability', 'volunteer'), ('volunteer_absences', 'volunteer'), ('volunteer_qualifications', 'volunteer'),
      ('volunteer_origins', 'volunteer'), ('agreements', 'volunteer'), ('deployments', 'volunteer'),
      ('consents', 'consent'), ('catalog_entries', 'catalog')) AS x(tbl, fn)
  LOOP
    FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION %I()',
        'matching_changes_' || ev, upper(ev), t.tbl, CASE WHEN ev = 'delete' THEN 'OLD' ELSE 'NEW' END, 'lotse_matching_changed_' || t.fn);
    END LOOP;
  END LOOP;
END $$;
