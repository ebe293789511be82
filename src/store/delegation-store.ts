/**
 * Approvers' delegations in SQL. Setting and clearing are each one statement that writes
 * the row and its audit event together, so neither happens without the other.
 */
import type pg from 'pg';
import { asUserId, type Delegation } from '../domain/types.js';
import type { Delegations } from '../operations/ports.js';

interface DelegationRow {
  approver: string;
  delegate: string;
  until: Date;
}

const toDelegation = (row: DelegationRow): Delegation => ({ approver: asUserId(row.approver), delegate: asUserId(row.delegate), until: new Date(row.until) });

export function createDelegationStore(pool: pg.Pool): Delegations {
  return {
    async holding(approvers, now) {
      if (approvers.length === 0) return [];
      const { rows } = await pool.query<DelegationRow>(
        'select approver, delegate, until from delegations where approver = any($1::text[]) and until > $2 order by approver',
        [approvers, now],
      );
      return rows.map(toDelegation);
    },

    async set(delegation, at, surface) {
      await pool.query(
        `with previous as (select approver, delegate, until from delegations where approver = $1),
         saved as (
           insert into delegations (approver, delegate, until, set_at) values ($1, $2, $3, $4)
           on conflict (approver) do update set delegate = excluded.delegate, until = excluded.until, set_at = excluded.set_at
           returning approver, delegate, until)
         insert into audit_events (at, actor, action, surface, before, after, details)
         select $4, approver, 'delegation.set', $5, (select to_jsonb(p) from previous p), to_jsonb(saved),
           jsonb_build_object('delegate', delegate, 'until', until)
         from saved`,
        [delegation.approver, delegation.delegate, delegation.until, at, surface],
      );
    },

    // Only a delegation that still holds is cleared: an expired one has stopped applying already.
    async clear(approver, at, surface) {
      const { rows } = await pool.query<DelegationRow>(
        `with gone as (delete from delegations where approver = $1 and until > $2 returning approver, delegate, until),
         audited as (
           insert into audit_events (at, actor, action, surface, before, details)
           select $2, approver, 'delegation.cleared', $3, to_jsonb(gone), jsonb_build_object('delegate', delegate, 'until', until)
           from gone)
         select approver, delegate, until from gone`,
        [approver, at, surface],
      );
      return rows[0] && toDelegation(rows[0]);
    },
  };
}
