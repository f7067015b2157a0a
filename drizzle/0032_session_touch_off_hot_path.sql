-- The session lookup of 0002, with the sliding-expiry write off the hot path: one read by the
-- unique (network, token hash) index finds the session, its person, network and roles; only when
-- the session was last touched over five minutes ago does a second statement, by primary key,
-- move its expiry. A logout (row deleted) or a disabled person is refused on the very next
-- request, on every instance: nothing is cached.
CREATE OR REPLACE FUNCTION lotse_resolve_session(p_network uuid, p_token_hash text, p_session_days integer)
RETURNS json LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  result json;
  session_id uuid;
  seen timestamptz;
BEGIN
  PERFORM set_config('role', 'lotse_app', true), set_config('lotse.network_id', p_network::text, true);
  SELECT s.id, s.last_seen_at,
         json_build_object(
           'credentialId', s.id,
           'user', json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'locale', u.locale,
                                     'totpEnabled', u.totp_enabled, 'version', u.version),
           'network', json_build_object('id', n.id, 'name', n.name, 'slug', n.slug, 'settings', n.settings),
           'memberships', coalesce((SELECT json_agg(json_build_object('organizationId', m.organization_id, 'role', m.role) ORDER BY m.created_at, m.organization_id, m.role)
                                      FROM memberships m WHERE m.network_id = u.network_id AND m.user_id = u.id), '[]'::json))
    INTO session_id, seen, result
    FROM sessions s
    JOIN users u ON u.network_id = s.network_id AND u.id = s.user_id
    JOIN networks n ON n.id = s.network_id
   WHERE s.network_id = p_network AND s.token_hash = p_token_hash
     AND s.expires_at > now() AND u.status = 'active';
  IF session_id IS NOT NULL AND seen < now() - interval '5 minutes' THEN
    UPDATE sessions
       SET last_seen_at = now(), expires_at = now() + make_interval(days => p_session_days)
     WHERE network_id = p_network AND id = session_id;
  END IF;
  RETURN result;
END
$fn$;
