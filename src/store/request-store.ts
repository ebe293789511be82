/**
 * Requests and their audit trail in SQL. Every change is a conditional update on the
 * version it was computed from, committed together with its audit event.
 */
import type pg from 'pg';
import { DomainError } from '../domain/errors.js';
import type { NewRequest } from '../domain/lifecycle.js';
import type { Effect } from '../domain/effects.js';
import type { AccessRequest, BlockReason, RequestId, Step } from '../domain/types.js';
import { asRequestId, asUserId } from '../domain/types.js';
import type { AuditContext, RecordedSubmission, Store } from '../operations/ports.js';
import { recordCredentialAttempts } from './credential-attempts.js';
import { appendAudit } from './audit-log.js';
import { commitChange, effectRows, queueEffects } from './commit.js';
import { findClash, recordSubmission } from './submissions.js';

export const REQUEST_COLUMNS = `id, requester_id, system_id, role_id, duration_minutes, purpose, needed_by::text as needed_by,
  project_tag, status, steps, current_step, draft, block_reason, version, created_at, updated_at, extends_request_id, requested_by`;

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
  requested_by: string | null;
}

export function createRequestStore(pool: pg.Pool): Store {
  return {
    createRequest: (request, audit, effects, recorded) => insertRequest(pool, request, audit, effects, recorded),

    recordSubmission: (submission) => recordSubmission(pool, submission),

    commit: (change) => commitChange(pool, change),

    updateRequest: (before, after, audit, effects = []) =>
      commitChange(pool, { at: after.updatedAt, actor: audit.actor, surface: audit.surface, requests: [{ before, after, action: audit.action }], effects }),

    async getRequest(id) {
      const { rows } = await pool.query<RequestRow>(`select ${REQUEST_COLUMNS} from requests where id = $1`, [id]);
      return rows[0] && toRequest(rows[0]);
    },

    findClash: (requesterId, systemId, roleId, extending) => findClash(pool, requesterId, systemId, roleId, extending),

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

/**
 * Inserts a new request with its audit event and effects in one statement: no transaction
 * of its own (it joins the caller's, if any), two round trips in all. The id is drawn
 * first because the effects' keys are made from it.
 */
export async function insertRequest(
  db: pg.Pool | pg.PoolClient, request: NewRequest, audit: AuditContext, effects: (created: AccessRequest) => Effect[], recorded?: RecordedSubmission,
) {
  const created: AccessRequest = { ...request, id: recorded?.id ?? (await drawRequestId(db)) };
  const { rows } = await db
    .query<RequestRow>(
      `with inserted as (
         insert into requests (requester_id, system_id, role_id, duration_minutes, purpose, needed_by, project_tag,
           status, steps, current_step, draft, block_reason, version, created_at, updated_at, extends_request_id, requested_by, id)
         overriding system value
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         returning ${REQUEST_COLUMNS}),
       audited as (
         insert into audit_events (at, actor, action, surface, request_id, after)
         select $15, $19, $20, $21, id, $22::jsonb from inserted),
       queued as (${queueEffects('$23', '$14', 'inserted')}),
       settled as (update effects set status = 'done', done_at = $14, locked_until = null where id = $24 and status = 'pending')
       select * from inserted`,
      [...values(request), created.id, audit.actor, audit.action, audit.surface, JSON.stringify(created), effectRows(effects(created)), recorded?.effectId ?? null],
    )
    .catch(rethrowDuplicate);
  return toRequest(rows[0]!);
}

async function drawRequestId(db: pg.Pool | pg.PoolClient): Promise<RequestId> {
  const { rows: [drawn] } = await db.query<{ id: number }>(`select nextval(pg_get_serial_sequence('requests', 'id'))::int as id`);
  return asRequestId(drawn!.id);
}

/**
 * Many new requests at once (a project packet's), with their audit events and effects: two
 * statements however many there are, on the caller's transaction. Returned in the order given.
 */
export async function insertRequests(db: pg.PoolClient, requests: NewRequest[], audit: AuditContext, effects: (created: AccessRequest) => Effect[]) {
  if (requests.length === 0) return [];
  const { rows: drawn } = await db.query<{ id: number }>(
    `select nextval(pg_get_serial_sequence('requests', 'id'))::int as id from generate_series(1, $1)`, [requests.length]);
  const ids = drawn.map((row) => row.id).sort((a, b) => a - b);
  const created = requests.map((request, i): AccessRequest => ({ ...request, id: asRequestId(ids[i]!) }));
  const at = requests[0]!.createdAt;
  const { rows } = await db
    .query<RequestRow>(
      `with inserted as (
         insert into requests (id, requester_id, system_id, role_id, duration_minutes, purpose, needed_by, project_tag,
           status, steps, current_step, draft, block_reason, version, created_at, updated_at, extends_request_id, requested_by)
         overriding system value
         select x.* from jsonb_to_recordset($1::jsonb) as x(id int, requester_id text, system_id text, role_id text, duration_minutes int,
           purpose text, needed_by date, project_tag text, status text, steps jsonb, current_step int, draft jsonb, block_reason text,
           version int, created_at timestamptz, updated_at timestamptz, extends_request_id int, requested_by text)
         returning ${REQUEST_COLUMNS}),
       audited as (
         insert into audit_events (at, actor, action, surface, request_id, after)
         select $2, $3, $4, $5, i.id, a from inserted i join jsonb_array_elements($6::jsonb) as a on (a ->> 'id')::int = i.id),
       queued as (${queueEffects('$7', '$2')})
       select * from inserted order by id`,
      [JSON.stringify(created.map(rowOf)), at, audit.actor, audit.action, audit.surface, JSON.stringify(created), effectRows(created.flatMap(effects))],
    )
    .catch(rethrowDuplicate);
  return rows.map(toRequest);
}

/** A request as its row's columns, by name, for a batch insert. */
const rowOf = (request: AccessRequest) => {
  const [requester_id, system_id, role_id, duration_minutes, purpose, needed_by, project_tag, status, steps, current_step, draft,
    block_reason, version, created_at, updated_at, extends_request_id, requested_by] = values(request);
  return { id: request.id, requester_id, system_id, role_id, duration_minutes, purpose, needed_by, project_tag, status,
    steps: JSON.parse(steps as string), current_step, draft: JSON.parse(draft as string), block_reason, version, created_at, updated_at,
    extends_request_id, requested_by };
};

function values(request: NewRequest): unknown[] {
  return [
    request.requesterId, request.systemId, request.roleId, request.durationMinutes, request.purpose,
    request.neededBy ?? null, request.projectTag ?? null, request.status, JSON.stringify(request.steps),
    request.currentStep, JSON.stringify(request.draft), request.blockReason ?? null, request.version, request.createdAt,
    request.updatedAt, request.extendsRequestId ?? null, request.requestedBy ?? null,
  ];
}

/** The partial unique index caught a second open request for the same role. */
/** One open request per person and role, or one such submission waiting to be stored. */
const ONE_OPEN: ReadonlySet<string | undefined> = new Set(['requests_one_open', 'effects_one_submission']);

export function rethrowDuplicate(error: unknown): never {
  if (ONE_OPEN.has((error as { constraint?: string }).constraint)) {
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
    ...(row.requested_by ? { requestedBy: asUserId(row.requested_by) } : {}),
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
  const delegates = step.delegates?.map((delegation) => ({ ...delegation, until: new Date(delegation.until) }));
  const revived = delegates ? { ...step, approvers, delegates } : { ...step, approvers };
  return step.decision ? { ...revived, decision: { ...step.decision, at: new Date(step.decision.at) } } : revived;
}
