/** Seeds `count` active billing-viewer grants, granted a day ago (their expiry notices long sent), all due at `due`, for the expiry benches. */
export async function seedGrants(query: (sql: string, params: unknown[]) => Promise<unknown>, count: number, due: Date): Promise<void> {
  await query(
    `insert into requests (requester_id, system_id, role_id, duration_minutes, purpose, status, steps, current_step, draft, version, created_at, updated_at)
     select 'U0B' || n, 'billing', 'viewer', 1440, 'bench', 'approved', '[]'::jsonb, 0,
            '{"roleId":"viewer","durationMinutes":1440,"reasons":[],"flags":[],"collection":"sso_group"}'::jsonb, 1, now(), now()
     from generate_series(1, $1) as n`,
    [count],
  );
  await query(
    `insert into grants (request_id, user_id, system_id, role_id, collection, granted_at, expires_at, status, attempts, version, email)
     select id, requester_id, system_id, role_id, 'sso_group', now() - interval '1 day', $1, 'active', 0, 1, requester_id || '@example.com' from requests`,
    [due],
  );
}
