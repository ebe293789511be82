/**
 * The append-only audit log: who did what, when, from where, to which request, with the
 * state before and after. Written inside the transaction of the change it records.
 */
import type pg from 'pg';
import type { AuditContext } from '../operations/ports.js';

export interface AuditRecord {
  at: Date;
  requestId: number | null;
  before?: object | null;
  after?: object | null;
  /** Facts beyond the request, e.g. a refused credential's kind and fingerprint. */
  details?: object;
}

/** Appends one event; false when a unique index says it was recorded already. */
export async function appendAudit(db: pg.PoolClient | pg.Pool, audit: AuditContext, record: AuditRecord): Promise<boolean> {
  const json = (value: object | null | undefined) => (value ? JSON.stringify(value) : null);
  const { rowCount } = await db.query(
    `insert into audit_events (at, actor, action, surface, request_id, before, after, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
    [record.at, audit.actor, audit.action, audit.surface, record.requestId, json(record.before), json(record.after), json(record.details)],
  );
  return rowCount === 1;
}

/** Appends many events of one actor and surface in one statement (the expiry sweep's batches). */
export async function appendAudits(db: pg.PoolClient | pg.Pool, audit: Omit<AuditContext, 'action'> & { at: Date }, events: { action: string; requestId: number; before: object; after: object }[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `insert into audit_events (at, actor, action, surface, request_id, before, after)
     select $2, $3, x ->> 'action', $4, (x ->> 'requestId')::int, x -> 'before', x -> 'after' from jsonb_array_elements($1::jsonb) as x`,
    [JSON.stringify(events), audit.at, audit.actor, audit.surface],
  );
}
