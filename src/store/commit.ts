/**
 * One state change, whole: the requests and grants it moves (each over the version it
 * read), one audit event per move, and the effects it causes, all in one transaction.
 * Either everything is written or nothing is, so no effect is ever lost or orphaned.
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
  if (isLoneGrantMove(change)) return commitGrantMove(pool, change);
  try {
    await inTransaction(pool, async (client) => {
      for (const move of change.requests ?? []) {
        if (!(await updateRequestRow(client, move.before, move.after))) throw new Conflict();
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

async function updateRequestRow(client: pg.PoolClient, before: AccessRequest, after: AccessRequest): Promise<boolean> {
  const { rowCount } = await client.query(
    `update requests set role_id = $3, duration_minutes = $4, status = $5, steps = $6, current_step = $7,
       draft = $8, block_reason = $9, version = $10, updated_at = $11
     where id = $1 and version = $2`,
    [before.id, before.version, after.roleId, after.durationMinutes, after.status, JSON.stringify(after.steps),
      after.currentStep, JSON.stringify(after.draft), after.blockReason ?? null, after.version, after.updatedAt],
  );
  return rowCount === 1;
}

async function writeGrant(client: pg.PoolClient, before: Grant | undefined, after: Grant): Promise<boolean> {
  if (!before) {
    const { rowCount } = await client.query(
      `insert into grants (${GRANT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       on conflict (request_id) do nothing`,
      grantValues(after),
    );
    return rowCount === 1;
  }
  const { rowCount } = await client.query(
    `update grants set status = $3, end_reason = $4, ended_by = $5, ended_at = $6, attempts = $7, version = $8, expires_at = $9
     where request_id = $1 and version = $2`,
    [before.requestId, before.version, after.status, after.endReason ?? null, after.endedBy ?? null, after.endedAt ?? null,
      after.attempts, after.version, after.expiresAt],
  );
  return rowCount === 1;
}

/** Records effects; one already recorded under the same key is left as it is. */
export async function insertEffects(db: pg.PoolClient | pg.Pool, effects: readonly Effect[], at: Date): Promise<void> {
  if (effects.length === 0) return;
  await db.query(
    `insert into effects (key, kind, request_id, payload, due_at, created_at)
     select e ->> 'key', e ->> 'kind', (e ->> 'requestId')::int, e -> 'payload', $2, $2 from jsonb_array_elements($1::jsonb) as e
     on conflict (key) do nothing`,
    [effectRows(effects), at],
  );
}

const effectRows = (effects: readonly Effect[]): string =>
  JSON.stringify(effects.map((effect) => ({ key: effectKey(effect), kind: effect.kind, requestId: effect.requestId, payload: effect })));

type LoneGrantMove = Change & { grants: [{ before: Grant; after: Grant; action: string }] };

/** The commonest change, a revoker's outcome: one grant moved, its effects, its effect settled. */
function isLoneGrantMove(change: Change): change is LoneGrantMove {
  return !change.requests?.length && change.grants?.length === 1 && change.grants[0]!.before !== undefined;
}

/**
 * The same change as a single statement: one round trip instead of six, which is what lets
 * thousands of grants end within the minute. Every part is conditional on the version-checked
 * update, so a stale change writes nothing at all.
 */
async function commitGrantMove(pool: pg.Pool, change: LoneGrantMove): Promise<boolean> {
  const [{ before, after, action }] = change.grants;
  const { rows } = await pool.query<{ moved: number }>(
    `with moved as (
       update grants set status = $3, end_reason = $4, ended_by = $5, ended_at = $6, attempts = $7, version = $8, expires_at = $9
       where request_id = $1 and version = $2 returning request_id),
     audited as (
       insert into audit_events (at, actor, action, surface, request_id, before, after)
       select $10, $11, $12, $13, request_id, $14, $15 from moved),
     queued as (
       insert into effects (key, kind, request_id, payload, due_at, created_at)
       select e ->> 'key', e ->> 'kind', (e ->> 'requestId')::int, e -> 'payload', $10, $10
       from jsonb_array_elements($16::jsonb) as e cross join moved
       on conflict (key) do nothing),
     settled as (
       update effects set status = $17, done_at = $10, locked_until = null, last_error = $18
       where id = $19 and status = 'pending' and exists (select 1 from moved))
     select count(*)::int as moved from moved`,
    [before.requestId, before.version, after.status, after.endReason ?? null, after.endedBy ?? null, after.endedAt ?? null,
      after.attempts, after.version, after.expiresAt, change.at, change.actor, action, change.surface, JSON.stringify(before),
      JSON.stringify(after), effectRows(change.effects ?? []), change.settles?.status ?? 'done', change.settles?.error ?? null,
      change.settles?.id ?? null],
  );
  return rows[0]!.moved === 1;
}
