-- Resolving a session cookie or an API token is on every request's path. These functions do it in
-- one round trip, under the same row-level security as every request: they switch to lotse_app
-- and name the network for the rest of the (single-statement) transaction, then read.
CREATE OR REPLACE FUNCTION lotse_resolve_session(p_network uuid, p_token_hash text, p_session_days integer)
RETURNS json LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  result json;
BEGIN
  PERFORM set_config('role', 'lotse_app', true), set_config('lotse.network_id', p_network::text, true);
  -- Sliding expiry, written at most every five minutes to spare the database.
  UPDATE sessions
     SET last_seen_at = now(), expires_at = now() + make_interval(days => p_session_days)
   WHERE network_id = p_network AND token_hash = p_token_hash
     AND expires_at > now() AND last_seen_at < now() - interval '5 minutes';
  SELECT json_build_object(
           'credentialId', s.id,
           'user', json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'locale', u.locale,
                                     'totpEnabled', u.totp_enabled, 'version', u.version),
           'network', json_build_object('id', n.id, 'name', n.name, 'slug', n.slug, 'settings', n.settings),
           'memberships', coalesce((SELECT json_agg(json_build_object('organizationId', m.organization_id, 'role', m.role) ORDER BY m.created_at, m.organization_id)
                                      FROM memberships m WHERE m.network_id = u.network_id AND m.user_id = u.id), '[]'::json))
    INTO result
    FROM sessions s
    JOIN users u ON u.network_id = s.network_id AND u.id = s.user_id
    JOIN networks n ON n.id = s.network_id
   WHERE s.network_id = p_network AND s.token_hash = p_token_hash
     AND s.expires_at > now() AND u.status = 'active';
  RETURN result;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lotse_resolve_api_token(p_network uuid, p_token_hash text)
RETURNS json LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  result json;
BEGIN
  PERFORM set_config('role', 'lotse_app', true), set_config('lotse.network_id', p_network::text, true);
  UPDATE api_tokens SET last_used_at = now()
   WHERE network_id = p_network AND token_hash = p_token_hash AND revoked_at IS NULL
     AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
  SELECT json_build_object(
           'credentialId', t.id,
           'network', json_build_object('id', n.id, 'name', n.name, 'slug', n.slug, 'settings', n.settings),
           'memberships', json_build_array(json_build_object('organizationId', t.organization_id, 'role', t.role)))
    INTO result
    FROM api_tokens t JOIN networks n ON n.id = t.network_id
   WHERE t.network_id = p_network AND t.token_hash = p_token_hash AND t.revoked_at IS NULL;
  RETURN result;
END
$fn$;
