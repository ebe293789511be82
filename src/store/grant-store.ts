/**
 * Grants in SQL: one per approved request, changed only over the version read, each
 * change committed with its audit event.
 */
import type pg from 'pg';
import type { Grant, GrantStatus, RevokeReason } from '../domain/types.js';
import { asRequestId, asUserId } from '../domain/types.js';
import type { Grants } from '../operations/ports.js';
import { appendAudit } from './audit-log.js';
import { inTransaction } from './transaction.js';

export const GRANT_COLUMNS = `request_id, user_id, system_id, role_id, collection, granted_at, expires_at, status, revoke_reason,
  revoked_by, revoked_at, attempts, version`;

export interface GrantRow {
  request_id: number;
  user_id: string;
  system_id: string;
  role_id: string;
  collection: Grant['collection'];
  granted_at: Date;
  expires_at: Date;
  status: GrantStatus;
  revoke_reason: RevokeReason | null;
  revoked_by: string | null;
  revoked_at: Date | null;
  attempts: number;
  version: number;
}

export function createGrantStore(pool: pg.Pool): Grants {
  return {
    createGrant: (grant, audit) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<GrantRow>(
          `insert into grants (${GRANT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           on conflict (request_id) do nothing returning ${GRANT_COLUMNS}`,
          values(grant),
        );
        if (!rows[0]) return undefined;
        await appendAudit(client, audit, { at: grant.grantedAt, requestId: grant.requestId, after: grant });
        return toGrant(rows[0]);
      }),

    // One statement, so atomic without a transaction: the audit row exists only if the
    // conditional update matched. Revoking thousands at once is mostly this query.
    async updateGrant(before, after, audit) {
      const { rowCount } = await pool.query(
        `with changed as (
           update grants set status = $3, revoke_reason = $4, revoked_by = $5, revoked_at = $6, attempts = $7, version = $8
           where request_id = $1 and version = $2 returning request_id)
         insert into audit_events (at, actor, action, surface, request_id, before, after)
         select now(), $9, $10, $11, request_id, $12, $13 from changed`,
        [before.requestId, before.version, after.status, after.revokeReason ?? null, after.revokedBy ?? null,
          after.revokedAt ?? null, after.attempts, after.version, audit.actor, audit.action, audit.surface,
          JSON.stringify(before), JSON.stringify(after)],
      );
      return rowCount === 1;
    },

    async getGrant(requestId) {
      const { rows } = await pool.query<GrantRow>(`select ${GRANT_COLUMNS} from grants where request_id = $1`, [requestId]);
      return rows[0] && toGrant(rows[0]);
    },

    async listExpired(now, limit) {
      const { rows } = await pool.query<GrantRow>(
        `select ${GRANT_COLUMNS} from grants where status = 'active' and expires_at <= $1 order by expires_at limit $2`,
        [now, limit],
      );
      return rows.map(toGrant);
    },

    async listLiveGrants(userId) {
      const { rows } = await pool.query<GrantRow>(
        `select ${GRANT_COLUMNS} from grants where status in ('active', 'revoking', 'revocation_failed')
         and ($1::text is null or user_id = $1) order by expires_at`,
        [userId ?? null],
      );
      return rows.map(toGrant);
    },
  };
}

function values(grant: Grant): unknown[] {
  return [
    grant.requestId, grant.userId, grant.systemId, grant.roleId, grant.collection, grant.grantedAt, grant.expiresAt, grant.status,
    grant.revokeReason ?? null, grant.revokedBy ?? null, grant.revokedAt ?? null, grant.attempts, grant.version,
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
    ...(row.revoke_reason ? { revokeReason: row.revoke_reason } : {}),
    ...(row.revoked_by ? { revokedBy: asUserId(row.revoked_by) } : {}),
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
    attempts: row.attempts,
    version: row.version,
  };
}
