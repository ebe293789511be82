/**
 * Grants in SQL: one per approved request. Changes go through `commitChange`, over the
 * version read; the expiry sweep starts ending many grants in one statement.
 */
import type pg from 'pg';
import type { EndReason, Grant, GrantStatus, GrantTerms } from '../domain/types.js';
import { asRequestId, asUserId } from '../domain/types.js';
import type { Grants } from '../operations/ports.js';
import { appendAudits } from './audit-log.js';
import { insertEffects } from './commit.js';
import { inTransaction } from './transaction.js';

export const GRANT_COLUMNS = `request_id, user_id, system_id, role_id, collection, granted_at, expires_at, status, end_reason,
  ended_by, ended_at, attempts, version, snapshot, email`;

export interface GrantRow {
  request_id: number;
  user_id: string;
  system_id: string;
  role_id: string;
  collection: Grant['collection'];
  granted_at: Date;
  expires_at: Date;
  status: GrantStatus;
  end_reason: EndReason | null;
  ended_by: string | null;
  ended_at: Date | null;
  attempts: number;
  version: number;
  snapshot: GrantTerms | null;
  email: string | null;
}

/** Grants the expiry sweep ends: access in place, or never put in place, past its time. */
const UNENDED_ON_TIME = `'active', 'provisioning', 'provisioning_failed'`;

export function createGrantStore(pool: pg.Pool): Grants {
  const list = async (where: string, params: unknown[]) =>
    (await pool.query<GrantRow>(`select ${GRANT_COLUMNS} from grants where ${where}`, params)).rows.map(toGrant);
  return {
    async getGrant(requestId) {
      return (await list('request_id = $1', [requestId]))[0];
    },
    listExpired: (now, limit) => list(`status in (${UNENDED_ON_TIME}) and expires_at <= $1 order by expires_at limit $2`, [now, limit]),
    listLiveGrants: (userId) =>
      list(`status <> 'ended' and ($1::text is null or user_id = $1) order by expires_at`, [userId ?? null]),
    listStuckEnding: (before) =>
      list(
        `status in ('ending', 'provisioning') and coalesce(ended_at, granted_at) <= $1 and not exists (
           select 1 from effects e where e.request_id = grants.request_id and e.status in ('pending', 'done')
             and e.kind = case grants.status when 'ending' then 'revoke' else 'provision' end)
         order by request_id limit 500`,
        [before],
      ),
    commitMany: (moves, effectsOf, audit) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ request_id: number }>(
          `update grants g set status = x.status, end_reason = x.end_reason, ended_at = x.ended_at, attempts = x.attempts, version = x.version
           from jsonb_to_recordset($1::jsonb) as x(request_id int, before_version int, status text, end_reason text, ended_at timestamptz, attempts int, version int)
           where g.request_id = x.request_id and g.version = x.before_version returning g.request_id`,
          [JSON.stringify(moves.map(({ before, after }) => ({
            request_id: before.requestId, before_version: before.version, status: after.status, end_reason: after.endReason ?? null,
            ended_at: after.endedAt ?? null, attempts: after.attempts, version: after.version,
          })))],
        );
        const applied = new Set(rows.map((row) => row.request_id));
        const done = moves.filter((move) => applied.has(move.before.requestId));
        await appendAudits(client, audit, done.map((move) => ({ action: move.action, requestId: move.after.requestId, before: move.before, after: move.after })));
        await insertEffects(client, done.flatMap((move) => effectsOf(move.after)), audit.at);
        return done.map((move) => move.after);
      }),
  };
}

export function grantValues(grant: Grant): unknown[] {
  return [
    grant.requestId, grant.userId, grant.systemId, grant.roleId, grant.collection, grant.grantedAt, grant.expiresAt, grant.status,
    grant.endReason ?? null, grant.endedBy ?? null, grant.endedAt ?? null, grant.attempts, grant.version,
    grant.terms ? JSON.stringify(grant.terms) : null, grant.email ?? null,
  ];
}

export function toGrant(row: GrantRow): Grant {
  return {
    requestId: asRequestId(row.request_id),
    userId: asUserId(row.user_id),
    systemId: row.system_id,
    roleId: row.role_id,
    collection: row.collection,
    grantedAt: row.granted_at,
    expiresAt: row.expires_at,
    status: row.status,
    ...(row.end_reason ? { endReason: row.end_reason } : {}),
    ...(row.ended_by ? { endedBy: asUserId(row.ended_by) } : {}),
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    attempts: row.attempts,
    version: row.version,
    ...(row.snapshot ? { terms: row.snapshot } : {}),
    ...(row.email ? { email: row.email } : {}),
  };
}
