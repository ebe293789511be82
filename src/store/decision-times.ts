/**
 * Waits from routing to decision, from the audit log: a decision event stores the request
 * as it was (`before`, whose current step is the one decided), and the step's routing is
 * the latest `step.routed` of that request and step before it. Plain SQL that runs
 * unchanged on PostgreSQL and on embedded PGlite; migration 10 indexes the decisions.
 */
import type pg from 'pg';
import type { DecisionTimes } from '../operations/ports/decision-times.js';

export function createDecisionTimes(pool: pg.Pool): DecisionTimes {
  return {
    async recentWaits(systemId, kind, limit) {
      const { rows } = await pool.query<{ minutes: number }>(
        `select (extract(epoch from d.at - r.at) / 60)::float8 as minutes
         from audit_events d
         cross join lateral (
           select a.at from audit_events a
           where a.request_id = d.request_id and a.action = 'step.routed' and a.id < d.id
             and a.after -> 'currentStep' = d.before -> 'currentStep'
           order by a.id desc limit 1
         ) r
         where d.action in ('step.approved', 'step.approved_suggested', 'step.denied')
           and d.before ->> 'systemId' = $1
           and d.before -> 'steps' -> ((d.before ->> 'currentStep')::int) ->> 'kind' = $2
         order by d.at desc
         limit $3`,
        [systemId, kind, limit],
      );
      return rows.map((row) => Number(row.minutes));
    },
  };
}
