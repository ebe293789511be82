/**
 * What the daily digest reads: requests still waiting, revocations that need people, and a
 * day's measurements counted from the audit log.
 */
import type pg from 'pg';
import type { DayMeasurements } from '../domain/digest.js';
import { readBlockerAges } from './digest-queries.js';
import type { DigestSource } from '../operations/ports.js';
import { GRANT_COLUMNS, toGrant, type GrantRow } from './grant-store.js';
import { REQUEST_COLUMNS, toRequest, type RequestRow } from './request-store.js';

/** Audit actions counted for the day, by measurement. */
const COUNTS = `
  select
    count(*) filter (where action = 'request.submitted')::int as submitted,
    count(*) filter (where action in ('grant.activated', 'step.denied'))::int as completed,
    count(*) filter (where action in ('step.approved', 'step.approved_suggested', 'step.denied')
      and before -> 'steps' -> ((before ->> 'currentStep')::int) ->> 'kind' = 'security')::int as privileged_reviews,
    count(*) filter (where action = 'credential.refused')::int as unsafe_credential_attempts,
    count(*) filter (where action = 'grant.ending')::int as revocations_due,
    count(*) filter (where action = 'grant.ended' and before ->> 'status' in ('ending', 'revocation_failed'))::int as revocations_done,
    count(*) filter (where action = 'grant.activated'
      and (select needed_by from requests r where r.id = audit_events.request_id) < (at at time zone $3)::date)::int as granted_late
  from audit_events where at >= $1 and at < $2`;

export function createDigestSource(pool: pg.Pool, timezone: string): DigestSource {
  return {
    async read(now, dayStart, dayEnd) {
      const [open, grants, counts, blockerAges] = await Promise.all([
        pool.query<RequestRow>(`select ${REQUEST_COLUMNS} from requests where status in ('pending', 'blocked') order by id`),
        pool.query<GrantRow>(
          `select ${GRANT_COLUMNS} from grants
           where status in ('revocation_failed', 'provisioning_failed') or (status in ('active', 'ending') and expires_at <= $1)`,
          [now],
        ),
        pool.query(COUNTS, [dayStart, dayEnd, timezone]),
        readBlockerAges(pool, dayEnd),
      ]);
      const requests = open.rows.map(toRequest);
      const row = counts.rows[0];
      const measurements: DayMeasurements = {
        submitted: row.submitted,
        completed: row.completed,
        blockerAgesMinutes: blockerAges,
        privilegedReviews: row.privileged_reviews,
        unsafeCredentialAttempts: row.unsafe_credential_attempts,
        revocationsDue: row.revocations_due,
        revocationsDone: row.revocations_done,
        grantedLate: row.granted_late,
      };
      return { open: requests, grantsNeedingAttention: grants.rows.map(toGrant), measurements };
    },
  };
}
