/**
 * Requests and their audit trail in SQL. Every change is a conditional update on the
 * version it was computed from, committed together with its audit event.
 */
import type pg from 'pg';
import { DomainError } from '../domain/errors.js';
import type { NewRequest } from '../domain/lifecycle.js';
import type { AccessRequest, BlockReason, Step } from '../domain/types.js';
import { asRequestId, asUserId } from '../domain/types.js';
import type { Store } from '../operations/ports.js';
import { recordCredentialAttempts } from './credential-attempts.js';
import { appendAudit } from './audit-log.js';
import { commitChange, insertEffects } from './commit.js';
import { inTransaction } from './transaction.js';

export const REQUEST_COLUMNS = `id, requester_id, system_id, role_id, duration_minutes, purpose, needed_by::text as needed_by,
  project_tag, status, steps, current_step, draft, block_reason, version, created_at, updated_at, extends_request_id`;

export interface RequestRow {
  id: number;
  requester_id: string;
  system_id: string;
  role_id: string;
  duration_minutes: number;
  purpose: string;
  needed_by: string | null;
  project_tag: string | null;
  status: AccessRequest['status'];
  steps: Step[];
  current_step: number;
  draft: AccessRequest['draft'];
  block_reason: BlockReason | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  extends_request_id: number | null;
}

export function createRequestStore(pool: pg.Pool): Store {
  return {
    createRequest: (request, audit, effects) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client
          .query<RequestRow>(
            `insert into requests (requester_id, system_id, role_id, duration_minutes, purpose, needed_by, project_tag,
               status, steps, current_step, draft, block_reason, version, created_at, updated_at, extends_request_id)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             returning ${REQUEST_COLUMNS}`,
            values(request),
          )
          .catch(rethrowDuplicate);
        const created = toRequest(rows[0]!);
        await appendAudit(client, audit, { at: created.updatedAt, requestId: created.id, after: created });
        await insertEffects(client, effects(created), created.createdAt);
        return created;
      }),

    commit: (change) => commitChange(pool, change),

    updateRequest: (before, after, audit, effects = []) =>
      commitChange(pool, { at: after.updatedAt, actor: audit.actor, surface: audit.surface, requests: [{ before, after, action: audit.action }], effects }),

    async getRequest(id) {
      const { rows } = await pool.query<RequestRow>(`select ${REQUEST_COLUMNS} from requests where id = $1`, [id]);
      return rows[0] && toRequest(rows[0]);
    },

    async findOpenRequest(requesterId, systemId, roleId) {
      const { rows } = await pool.query<RequestRow>(
        `select ${REQUEST_COLUMNS} from requests
         where requester_id = $1 and system_id = $2 and role_id = $3 and status in ('pending', 'blocked')
         order by id desc limit 1`,
        [requesterId, systemId, roleId],
      );
      return rows[0] && toRequest(rows[0]);
    },

    async listRequestsBy(requesterId, limit) {
      const { rows } = await pool.query<RequestRow>(
        `select ${REQUEST_COLUMNS} from requests where requester_id = $1 order by id desc limit $2`,
        [requesterId, limit],
      );
      return rows.map(toRequest);
    },

    async findRequestByCard(channel, ts) {
      const { rows } = await pool.query<RequestRow>(
        `select ${REQUEST_COLUMNS} from requests where id =
           (select request_id from slack_messages where channel = $1 and ts = $2 and kind = 'approval_card')`,
        [channel, ts],
      );
      return rows[0] && toRequest(rows[0]);
    },

    recordCredentialAttempts: (attempts) => recordCredentialAttempts(pool, attempts),

    async recordEvent(audit, requestId, details, at) {
      await appendAudit(pool, audit, { at, requestId, details });
    },

    async listWaiting() {
      const { rows } = await pool.query<RequestRow>(
        `select ${REQUEST_COLUMNS} from requests
         where status = 'pending' and jsonb_array_length(steps -> current_step -> 'approvers') > 0 order by id`,
      );
      return rows.map(toRequest);
    },

    async listUnrouted() {
      const { rows } = await pool.query<RequestRow>(
        `select ${REQUEST_COLUMNS} from requests
         where status = 'pending' and jsonb_array_length(steps -> current_step -> 'approvers') = 0 order by id`,
      );
      return rows.map(toRequest);
    },
  };
}

function values(request: NewRequest): unknown[] {
  return [
    request.requesterId, request.systemId, request.roleId, request.durationMinutes, request.purpose,
    request.neededBy ?? null, request.projectTag ?? null, request.status, JSON.stringify(request.steps),
    request.currentStep, JSON.stringify(request.draft), request.blockReason ?? null, request.version, request.createdAt,
    request.updatedAt, request.extendsRequestId ?? null,
  ];
}

/** The partial unique index caught a second open request for the same role. */
function rethrowDuplicate(error: unknown): never {
  if ((error as { constraint?: string }).constraint === 'requests_one_open') {
    throw new DomainError('DUPLICATE_REQUEST', { field: 'role' });
  }
  throw error;
}

export function toRequest(row: RequestRow): AccessRequest {
  return {
    id: asRequestId(row.id),
    requesterId: asUserId(row.requester_id),
    systemId: row.system_id,
    roleId: row.role_id,
    durationMinutes: row.duration_minutes,
    purpose: row.purpose,
    ...(row.needed_by ? { neededBy: row.needed_by } : {}),
    ...(row.project_tag ? { projectTag: row.project_tag } : {}),
    ...(row.extends_request_id ? { extendsRequestId: asRequestId(row.extends_request_id) } : {}),
    status: row.status,
    steps: row.steps.map(reviveStep),
    currentStep: row.current_step,
    draft: row.draft,
    ...(row.block_reason ? { blockReason: row.block_reason } : {}),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** JSON keeps dates as strings; the domain wants them back as Dates. */
function reviveStep(step: Step): Step {
  const approvers = step.approvers.map(asUserId);
  return step.decision
    ? { ...step, approvers, decision: { ...step.decision, at: new Date(step.decision.at) } }
    : { ...step, approvers };
}
