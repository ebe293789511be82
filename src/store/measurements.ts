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
  /** How long the request held back longest has waited (on approvers or on hold), in seconds; 0 when none waits. */
  oldestBlockerSeconds: number;
  /** Grants not yet ended, by status and whether the role is privileged. */
  grants: { status: string; privileged: boolean; count: number }[];
}

export async function readMeasurements(pool: pg.Pool, now: Date): Promise<Measurements> {
  const [attempts, requests, effects, oldest, blocker, grants] = await Promise.all([
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
    // Waiting since the last decision (or the submission) when pending, since it was held
    // when blocked: the digest's rule (waitingSince in domain/digest.ts), as one aggregate.
    pool.query<{ seconds: number | null }>(
      `select extract(epoch from ($1::timestamptz - min(case when status = 'blocked' then updated_at else coalesce(
         (select max((s -> 'decision' ->> 'at')::timestamptz) from jsonb_array_elements(steps) s), created_at) end)))::float8 as seconds
       from requests where status in ('pending', 'blocked')`,
      [now],
    ),
    pool.query<{ status: string; privileged: boolean; count: number }>(
      `select status, coalesce((snapshot -> 'role' ->> 'privileged')::boolean, false) as privileged, count(*)::int as count
       from grants where status <> 'ended' group by 1, 2 order by 1, 2`,
    ),
  ]);
  return {
    credentialAttempts: attempts.rows,
    requests: requests.rows,
    effects: effects.rows,
    oldestPendingEffectSeconds: wholeSeconds(oldest.rows[0]?.seconds),
    oldestBlockerSeconds: wholeSeconds(blocker.rows[0]?.seconds),
    grants: grants.rows,
  };
}

const wholeSeconds = (seconds: number | null | undefined): number => Math.max(0, Math.round(seconds ?? 0));
