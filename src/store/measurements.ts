/**
 * Counts read straight from the database, so every process reports the same numbers and
 * a restart loses none.
 */
import type pg from 'pg';

export interface Measurements {
  credentialAttempts: { kind: string; surface: string; count: number }[];
  requests: { status: string; count: number }[];
}

export async function readMeasurements(pool: pg.Pool): Promise<Measurements> {
  const [attempts, requests] = await Promise.all([
    pool.query<{ kind: string; surface: string; count: number }>(
      `select details ->> 'kind' as kind, surface, count(*)::int as count from audit_events
       where action = 'credential.refused' group by 1, 2 order by 1, 2`,
    ),
    pool.query<{ status: string; count: number }>('select status, count(*)::int as count from requests group by 1 order by 1'),
  ]);
  return { credentialAttempts: attempts.rows, requests: requests.rows };
}
