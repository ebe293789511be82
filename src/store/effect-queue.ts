/**
 * The outbox, read by the effect runner. A claim takes due effects under a lease, with
 * SKIP LOCKED so that several processes share the work without running one effect twice
 * at once; an effect whose runner died is claimed again when its lease runs out.
 */
import type pg from 'pg';
import { AFTER_THE_REST, RECORDED_KINDS, type Effect } from '../domain/effects.js';
import type { EffectQueue, QueuedEffect } from '../operations/ports.js';
import { insertEffects } from './commit.js';
import { rethrowDuplicate } from './request-store.js';

interface EffectRow {
  id: string;
  payload: Effect;
  attempts: number;
}

export function createEffectQueue(pool: pg.Pool): EffectQueue {
  return {
    record: (effects, now) => insertEffects(pool, effects, now).catch(rethrowDuplicate),

    async claim(now, leaseMs, limit, requestId, recordedHere = []) {
      const { rows } = await pool.query<EffectRow>(
        `update effects set locked_until = $2, attempts = attempts + 1
         where id in (
           select id from effects e
           where status = 'pending' and due_at <= $1 and (locked_until is null or locked_until < $1)
             and ($4::int is null or (request_id = $4 and (kind <> all($6::text[]) or key = any($5::text[]))))
             and not ${waitsForTheRest('e', '$7')}
           order by id limit $3 for update skip locked)
         returning id, payload, attempts`,
        [now, new Date(now.getTime() + leaseMs), limit, requestId ?? null, recordedHere, RECORDED_KINDS, AFTER_THE_REST],
      );
      return rows.map((row): QueuedEffect => ({ id: Number(row.id), effect: row.payload, attempts: row.attempts }));
    },

    async done(ids, now) {
      if (ids.length === 0) return;
      await pool.query(`update effects set status = 'done', done_at = $2, locked_until = null where id = any($1::bigint[]) and status = 'pending'`, [ids, now]);
    },

    async retryAt(id, at, error) {
      await pool.query(`update effects set due_at = $2, locked_until = null, last_error = $3 where id = $1 and status = 'pending'`, [id, at, error]);
    },

    async fail(id, now, error) {
      await pool.query(
        `update effects set status = 'failed', done_at = $2, locked_until = null, last_error = $3 where id = $1 and status = 'pending'`,
        [id, now, error],
      );
    },

    async renew(ids, until) {
      await pool.query(`update effects set locked_until = $2 where id = any($1::bigint[]) and status = 'pending'`, [ids, until]);
    },

    async releaseLeases() {
      await pool.query(`update effects set locked_until = null where status = 'pending' and locked_until is not null`);
    },

    async outstanding(requestId) {
      const { rows } = await pool.query<{ due: Date | null }>(
        `select min(greatest(due_at, coalesce(locked_until, due_at))) as due from effects e
         where request_id = $1 and status = 'pending' and not ${waitsForTheRest('e', '$2')}`,
        [requestId, AFTER_THE_REST],
      );
      return rows[0]?.due ?? undefined;
    },

    async redo(kind, requestId, now) {
      const { rowCount } = await pool.query(
        `update effects set status = 'pending', attempts = 0, due_at = $3, locked_until = null
         where kind = $1 and request_id = $2 and status = 'failed'`,
        [kind, requestId, now],
      );
      return (rowCount ?? 0) > 0;
    },

    async redoUnsentCards(now) {
      const { rowCount } = await pool.query(
        `update effects e set status = 'pending', attempts = 0, due_at = $1, locked_until = null
         from requests r
         where e.kind = 'send_cards' and e.status = 'failed' and r.id = e.request_id and r.status = 'pending'
           and r.current_step = (e.payload ->> 'step')::int`,
        [now],
      );
      return rowCount ?? 0;
    },
  };
}

/** Whether effect `e` is of a kind in `kinds` (AFTER_THE_REST) while another effect of its request is pending. */
const waitsForTheRest = (e: string, kinds: string) =>
  `(${e}.kind = any(${kinds}::text[]) and exists (
     select 1 from effects other where other.request_id = ${e}.request_id and other.status = 'pending' and other.kind <> all(${kinds}::text[])))`;
