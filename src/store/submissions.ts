/**
 * What a submission checks in the database before Slack is answered, and its record. The
 * two lookups and the record are one statement: a burst of submissions waits on one round
 * trip each, not four.
 */
import type pg from 'pg';
import { submissionKey } from '../domain/effects.js';
import { asRequestId, type RequestId, type UserId } from '../domain/types.js';
import type { Clash, SubmissionToRecord } from '../operations/ports.js';
import { rethrowDuplicate } from './request-store.js';

/** The person's open request for the role, and a grant of it they hold other than the one extended ($4). */
const CLASHES = `
  open as (
    select id from requests
    where requester_id = $1 and system_id = $2 and role_id = $3 and status in ('pending', 'blocked')
    order by id desc limit 1),
  held as (
    select request_id from grants
    where user_id = $1 and system_id = $2 and role_id = $3 and status <> 'ended' and request_id is distinct from $4
    limit 1)`;

const CLASH_COLUMNS = '(select id from open) as open_id, (select request_id from held) as held_id';

interface ClashRow {
  open_id: number | null;
  held_id: number | null;
  request_id?: number | null;
}

export async function findClash(db: pg.Pool, requesterId: UserId, systemId: string, roleId: string, extending?: RequestId): Promise<Clash> {
  const { rows } = await db.query<ClashRow>(`with ${CLASHES} select ${CLASH_COLUMNS}`, [requesterId, systemId, roleId, extending ?? null]);
  return clashOf(rows[0]!);
}

/**
 * Unless something clashes, draws the new request's id and records the effect that stores
 * it, with that id in its payload. Two racing submissions of one role meet at the unique
 * index on pending submissions: DUPLICATE_REQUEST.
 */
export async function recordSubmission(db: pg.Pool, effect: SubmissionToRecord): Promise<Clash & { requestId?: RequestId }> {
  const { requesterId, systemId, roleId, extendsRequestId } = effect.input;
  const { rows } = await db
    .query<ClashRow>(
      `with ${CLASHES},
       drawn as (
         select nextval(pg_get_serial_sequence('requests', 'id'))::int as id
         where not exists (select 1 from open) and not exists (select 1 from held)),
       recorded as (
         insert into effects (key, kind, request_id, payload, due_at, created_at)
         select $5, $6, id, jsonb_set($7::jsonb, '{requestId}', to_jsonb(id)), $8, $8 from drawn
         on conflict (key) do nothing
         returning request_id)
       select ${CLASH_COLUMNS}, (select request_id from recorded) as request_id`,
      [requesterId, systemId, roleId, extendsRequestId ?? null, submissionKey(effect), effect.kind, JSON.stringify(effect), effect.at],
    )
    .catch(rethrowDuplicate);
  const row = rows[0]!;
  return { ...clashOf(row), ...(row.request_id ? { requestId: asRequestId(row.request_id) } : {}) };
}

const clashOf = (row: ClashRow): Clash => ({
  ...(row.open_id ? { openRequestId: asRequestId(row.open_id) } : {}),
  ...(row.held_id ? { heldRequestId: asRequestId(row.held_id) } : {}),
});
