/**
 * The Home's reads: each list capped in SQL, with its full count from a window function,
 * so a person with hundreds of requests costs one short query per list. Plain SQL that
 * runs unchanged on PostgreSQL and on embedded PGlite.
 */
import type pg from 'pg';
import type { CredentialAttemptRecord, Page } from '../domain/home.js';
import { asRequestId, asUserId } from '../domain/types.js';
import type { HomeSource } from '../operations/ports.js';
import { GRANT_COLUMNS, toGrant, type GrantRow } from './grant-store.js';
import { REQUEST_COLUMNS, toRequest, type RequestRow } from './request-store.js';

/** Since when a request has waited: held since its last change, else since its last decision (domain/digest.ts waitingSince). */
const WAITING_SINCE = `case when status = 'blocked' then updated_at else coalesce(
  (select max((s -> 'decision' ->> 'at')::timestamptz) from jsonb_array_elements(steps) s), created_at) end`;

const HAS_APPROVERS = `jsonb_array_length(steps -> current_step -> 'approvers') > 0`;

type Counted<T> = T & { total: number };

export function createHomeSource(pool: pg.Pool): HomeSource {
  const requests = async (where: string, params: unknown[], limit: number): Promise<Page<ReturnType<typeof toRequest>>> => {
    const { rows } = await pool.query<Counted<RequestRow>>(
      `select ${REQUEST_COLUMNS}, count(*) over ()::int as total from requests
       where ${where} order by ${WAITING_SINCE}, id limit ${Number(limit)}`,
      params,
    );
    return { items: rows.map(toRequest), total: rows[0]?.total ?? 0 };
  };
  const grants = async (where: string, order: string, params: unknown[], limit: number): Promise<Page<ReturnType<typeof toGrant>>> => {
    const { rows } = await pool.query<Counted<GrantRow>>(
      `select ${GRANT_COLUMNS}, count(*) over ()::int as total from grants where ${where} order by ${order} limit ${Number(limit)}`,
      params,
    );
    return { items: rows.map(toGrant), total: rows[0]?.total ?? 0 };
  };

  return {
    openRequestsOf: (userId, limit) => requests(`requester_id = $1 and status in ('pending', 'blocked')`, [userId], limit),

    waitingOn: (userId, limit) =>
      requests(`status = 'pending' and (steps -> current_step -> 'approvers') @> jsonb_build_array($1::text)`, [userId], limit),

    blockedRequests: (limit) => requests(`status = 'blocked'`, [], limit),

    longestWaits: (limit) => requests(`status = 'pending' and ${HAS_APPROVERS}`, [], limit),

    async endedRequestsOf(userId, limit) {
      const { rows } = await pool.query<RequestRow & { grant_row: GrantRow | null }>(
        `select r.*, (select to_jsonb(g) from (select ${GRANT_COLUMNS} from grants where request_id = r.id) g) as grant_row
         from (select ${REQUEST_COLUMNS} from requests
               where requester_id = $1 and (status in ('denied', 'cancelled') or (status = 'approved'
                 and exists (select 1 from grants g where g.request_id = requests.id and g.status = 'ended')))
               order by id desc limit $2) r
         order by r.id desc`,
        [userId, limit],
      );
      return rows.map((row) => {
        const request = toRequest(row);
        return row.grant_row ? { request, grant: toGrant(reviveGrantRow(row.grant_row)) } : { request };
      });
    },

    privilegedGrants: (privilegedRoles, limit) =>
      grants(
        `status = 'active' and ((system_id || ':' || role_id) = any($1::text[]) or (snapshot -> 'role' ->> 'privileged') = 'true')`,
        'expires_at, request_id',
        [privilegedRoles],
        limit,
      ),

    failedGrants: (limit) =>
      grants(`status in ('revocation_failed', 'provisioning_failed')`, 'coalesce(ended_at, granted_at), request_id', [], limit),

    async credentialAttempts(limit) {
      const { rows } = await pool.query<{ at: Date; actor: string; surface: string; request_id: number | null; details: { kind?: string; channel?: string } | null }>(
        `select at, actor, surface, request_id, details from audit_events
         where action = 'credential.refused' order by id desc limit $1`,
        [limit],
      );
      return rows.map((row): CredentialAttemptRecord => ({
        at: row.at,
        poster: asUserId(row.actor),
        kind: row.details?.kind ?? 'unknown',
        surface: row.surface,
        ...(row.details?.channel ? { channel: row.details.channel } : {}),
        ...(row.request_id ? { requestId: asRequestId(row.request_id) } : {}),
      }));
    },
  };
}

/** A grant row read back through JSON has its timestamps as strings. */
function reviveGrantRow(row: GrantRow): GrantRow {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return { ...row, granted_at: date(row.granted_at)!, expires_at: date(row.expires_at)!, ended_at: date(row.ended_at) };
}
