/**
 * Blocker ages as they stood at the end of a day, for the digest's measurements. Judged
 * from each request's last audited state before that moment, not from today's rows: a
 * request decided, blocked or closed overnight still waited yesterday, and for as long as
 * it had then. Plain SQL that runs unchanged on PostgreSQL and on embedded PGlite.
 */
import type pg from 'pg';
import { blockerAgeMinutes, type WaitState } from '../domain/digest.js';

/** A request as its audit event stored it: JSON, so dates are strings. */
interface Snapshot {
  status: 'pending' | 'blocked';
  createdAt: string;
  updatedAt: string;
  steps: { decision?: { at: string } }[];
}

/**
 * Minutes each request still waiting at `dayEnd` had been held back then. Every change
 * stores the request as it became, so its last event before `dayEnd` is its state then
 * (grant events share the request id but store a grant, which has no steps).
 * Only a request open now, or changed since `dayEnd`, can have been open then: a closed
 * request never changes again, which keeps the scan to the open ones and the recent ones.
 */
export async function readBlockerAges(pool: pg.Pool, dayEnd: Date): Promise<number[]> {
  const { rows } = await pool.query<{ after: Snapshot }>(
    `select s.after from requests r
     cross join lateral (
       select after from audit_events a
       where a.request_id = r.id and a.after ? 'steps' and a.at < $1 order by a.id desc limit 1
     ) s
     where r.created_at < $1 and (r.status in ('pending', 'blocked') or r.updated_at >= $1)
       and s.after ->> 'status' in ('pending', 'blocked')`,
    [dayEnd],
  );
  return rows.map(({ after }) => blockerAgeMinutes(revive(after), dayEnd));
}

function revive(snapshot: Snapshot): WaitState {
  return {
    status: snapshot.status,
    createdAt: new Date(snapshot.createdAt),
    updatedAt: new Date(snapshot.updatedAt),
    steps: snapshot.steps.map((step) => (step.decision ? { decision: { at: new Date(step.decision.at) } } : {})),
  };
}
