/** Live grants with who approved them: the access report's source. */
import type pg from 'pg';
import type { Holding } from '../domain/access-report.js';

/** Grants whose access is in place: active, or still being taken away. */
export async function readHoldings(pool: pg.Pool): Promise<Holding[]> {
  const { rows } = await pool.query<Holding>(
    `select g.user_id as person, g.system_id as system, g.role_id as role, g.granted_at as since, g.expires_at as until,
       array(select s -> 'decision' ->> 'by' from jsonb_array_elements(r.steps) with ordinality as x(s, n)
             where s -> 'decision' ->> 'outcome' = 'approved' order by n) as "approvedBy",
       g.status
     from grants g join requests r on r.id = g.request_id
     where g.status in ('active', 'ending', 'revocation_failed')
     order by g.user_id, g.system_id, g.role_id`,
  );
  return rows;
}
