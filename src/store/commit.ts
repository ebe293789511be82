/**
 * One state change, whole: the requests and grants it moves (each over the version it
 * read), one audit event per move, and the effects it causes, in one transaction (or one
 * statement). Either everything is written or nothing is, so no effect is ever lost or
 * orphaned.
 */
import type pg from 'pg';
import { effectKey, type Effect } from '../domain/effects.js';
import type { AccessRequest, Grant } from '../domain/types.js';
import type { Change } from '../operations/ports.js';
import { appendAudit } from './audit-log.js';
import { GRANT_COLUMNS, grantValues } from './grant-store.js';
import { inTransaction } from './transaction.js';

/** A conditional write found another version: the whole change rolls back. */
class Conflict extends Error {}

export async function commitChange(pool: pg.Pool, change: Change): Promise<boolean> {
  const lone = loneMove(change);
  if (lone) return commitLoneMove(pool, change, lone);
  try {
    await inTransaction(pool, async (client) => {
      if (change.claims && !(await claimRun(client, change.claims, change.at))) throw new Conflict();
      for (const move of change.requests ?? []) {
        if ((await client.query(UPDATE_REQUEST, requestParams(move.before, move.after))).rowCount !== 1) throw new Conflict();
        await appendAudit(client, { actor: change.actor, action: move.action, surface: change.surface }, {
          at: change.at, requestId: move.after.id, before: move.before, after: move.after,
        });
      }
      for (const move of change.grants ?? []) {
        if (!(await writeGrant(client, move.before, move.after))) throw new Conflict();
        await appendAudit(client, { actor: change.actor, action: move.action, surface: change.surface }, {
          at: change.at, requestId: move.after.requestId, before: move.before ?? null, after: move.after,
        });
      }
      await insertEffects(client, change.effects ?? [], change.at);
      if (change.settles) {
        const { id, status, error } = change.settles;
        await client.query(
          `update effects set status = $2, done_at = $3, locked_until = null, last_error = $4 where id = $1 and status = 'pending'`,
          [id, status, change.at, error ?? null],
        );
      }
    });
    return true;
  } catch (error) {
    if (error instanceof Conflict) return false;
    throw error;
  }
}

/** A version-checked update of one row, returning its request id when it matched. */
interface Move {
  sql: string;
  params: unknown[];
  action: string;
  before: object;
  after: object;
  /** The grant a final approval creates, with the request's move. */
  created?: { after: Grant; action: string };
}

const UPDATE_REQUEST = `update requests set role_id = $3, duration_minutes = $4, status = $5, steps = $6, current_step = $7,
    draft = $8, block_reason = $9, version = $10, updated_at = $11
  where id = $1 and version = $2 returning id as request_id`;

const requestParams = (before: AccessRequest, after: AccessRequest): unknown[] => [
  before.id, before.version, after.roleId, after.durationMinutes, after.status, JSON.stringify(after.steps),
  after.currentStep, JSON.stringify(after.draft), after.blockReason ?? null, after.version, after.updatedAt,
];

const UPDATE_GRANT = `update grants set status = $3, end_reason = $4, ended_by = $5, ended_at = $6, attempts = $7, version = $8, expires_at = $9
  where request_id = $1 and version = $2 returning request_id`;

const grantParams = (before: Grant, after: Grant): unknown[] => [
  before.requestId, before.version, after.status, after.endReason ?? null, after.endedBy ?? null, after.endedAt ?? null,
  after.attempts, after.version, after.expiresAt,
];

/**
 * The commonest changes move one existing request or grant, the final approval with the
 * grant it creates; they need no transaction.
 */
function loneMove(change: Change): Move | undefined {
  if (change.claims) return undefined;
  const requests = change.requests ?? [];
  const grants = change.grants ?? [];
  const grant = grants[0];
  if (requests.length === 1 && (grants.length === 0 || (grants.length === 1 && !grant?.before))) {
    const { before, after, action } = requests[0]!;
    return { sql: UPDATE_REQUEST, params: requestParams(before, after), action, before, after, ...(grant ? { created: grant } : {}) };
  }
  if (requests.length === 0 && grants.length === 1 && grant?.before) {
    return { sql: UPDATE_GRANT, params: grantParams(grant.before, grant.after), action: grant.action, before: grant.before, after: grant.after };
  }
  return undefined;
}

/**
 * A lone move as a single statement: one round trip instead of five or six, which is what
 * keeps acknowledgements quick under load and lets thousands of grants end within the
 * minute. Every other part reads from the version-checked update, so a stale change
 * writes nothing at all.
 */
async function commitLoneMove(pool: pg.Pool, change: Change, move: Move): Promise<boolean> {
  const n = move.params.length;
  const p = (i: number) => `$${n + i}`;
  // One insert for both events, so the grant's follows the decision's in the log's order too.
  const events = `select ${p(1)}::timestamptz, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text, request_id, ${p(5)}::jsonb, ${p(6)}::jsonb from moved`
    + (move.created ? ` union all select ${p(1)}, ${p(2)}, ${p(26)}, ${p(4)}, request_id, null, ${p(27)}::jsonb from granted` : '');
  const { rows } = await pool.query<{ moved: number }>(
    `with moved as (${move.sql}),${move.created ? createdGrant(p) : ''}
     audited as (insert into audit_events (at, actor, action, surface, request_id, before, after) ${events}),
     queued as (${queueEffects(p(7), p(1), 'moved')}),
     settled as (
       update effects set status = ${p(8)}, done_at = ${p(1)}, locked_until = null, last_error = ${p(9)}
       where id = ${p(10)} and status = 'pending' and exists (select 1 from moved))
     select count(*)::int as moved from moved`,
    [...move.params, change.at, change.actor, move.action, change.surface, JSON.stringify(move.before), JSON.stringify(move.after),
      effectRows(change.effects ?? []), change.settles?.status ?? 'done', change.settles?.error ?? null, change.settles?.id ?? null,
      ...(move.created ? [...grantValues(move.created.after), move.created.action, JSON.stringify(move.created.after)] : [])],
  );
  return rows[0]!.moved === 1;
}

/**
 * The grant of a final approval, inserted only with its request's move. No conflict is
 * possible: a grant is made only here, by the one change that moves its request to approved.
 */
function createdGrant(p: (i: number) => string): string {
  const values = GRANT_COLUMNS.split(',').map((_, i) => p(11 + i)).join(', ');
  return `
     granted as (insert into grants (${GRANT_COLUMNS}) select ${values} from moved returning request_id),`;
}

/** Claims a recurring job's run for its period; false when some process claimed it first. */
async function claimRun(client: pg.PoolClient, run: NonNullable<Change['claims']>, at: Date): Promise<boolean> {
  const { rowCount } = await client.query('insert into job_runs (job, period, claimed_at) values ($1, $2, $3) on conflict do nothing', [run.job, run.period, at]);
  return rowCount === 1;
}

/** A grant without `before` is new: inserted once, whoever tries again. */
async function writeGrant(client: pg.PoolClient, before: Grant | undefined, after: Grant): Promise<boolean> {
  const { rowCount } = before
    ? await client.query(UPDATE_GRANT, grantParams(before, after))
    : await client.query(
        `insert into grants (${GRANT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         on conflict (request_id) do nothing`,
        grantValues(after),
      );
  return rowCount === 1;
}

/** Records effects; one already recorded under the same key is left as it is. */
export async function insertEffects(db: pg.PoolClient | pg.Pool, effects: readonly Effect[], at: Date): Promise<void> {
  if (effects.length === 0) return;
  await db.query(queueEffects('$1', '$2'), [effectRows(effects), at]);
}

/**
 * The outbox insert, for a statement of its own or a CTE: `rows` the parameter holding
 * effectRows, `at` their time; with `when`, only if that CTE has a row (the change happened).
 */
export const queueEffects = (rows: string, at: string, when?: string): string =>
  `insert into effects (key, kind, request_id, payload, due_at, created_at)
   select e ->> 'key', e ->> 'kind', (e ->> 'requestId')::int, e -> 'payload', ${at}, ${at}
   from jsonb_array_elements(${rows}::jsonb) as e${when ? ` cross join ${when}` : ''}
   on conflict (key) do nothing`;

export const effectRows = (effects: readonly Effect[]): string =>
  JSON.stringify(effects.map((effect) => ({ key: effectKey(effect), kind: effect.kind, requestId: effect.requestId, payload: effect })));
