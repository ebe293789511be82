/**
 * Counts read straight from the database, so every process reports the same numbers and
 * a restart loses none.
 */
import type pg from 'pg';

export interface Measurements {
  credentialAttempts: { kind: string; surface: string; count: number }[];
  /** By the status a person reads: an approved request shows its grant's state. */
  requests: { status: string; count: number }[];
  /** Effects waiting to be carried out, and those given up on, by kind. */
  effects: { kind: string; status: string; count: number }[];
  /** Age of the oldest effect still waiting, in seconds; 0 when none waits. */
  oldestPendingEffectSeconds: number;
}

export async function readMeasurements(pool: pg.Pool, now: Date): Promise<Measurements> {
  const [attempts, requests, effects, oldest] = await Promise.all([
    pool.query<{ kind: string; surface: string; count: number }>(
      `select details ->> 'kind' as kind, surface, count(*)::int as count from audit_events
       where action = 'credential.refused' group by 1, 2 order by 1, 2`,
    ),
    pool.query<{ status: string; count: number }>(
      `select coalesce(g.status, r.status) as status, count(*)::int as count
       from requests r left join grants g on g.request_id = r.id group by 1 order by 1`,
    ),
    pool.query<{ kind: string; status: string; count: number }>(
      `select kind, status, count(*)::int as count from effects where status in ('pending', 'failed') group by 1, 2 order by 1, 2`,
    ),
    pool.query<{ seconds: number | null }>(
      `select extract(epoch from ($1::timestamptz - min(created_at)))::float8 as seconds from effects where status = 'pending'`,
      [now],
    ),
  ]);
  return {
    credentialAttempts: attempts.rows,
    requests: requests.rows,
    effects: effects.rows,
    oldestPendingEffectSeconds: Math.max(0, Math.round(oldest.rows[0]?.seconds ?? 0)),
  };
}
