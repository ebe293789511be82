/**
 * One change at a time per Slack user group, across every Latchkey process. Slack only
 * lets us replace a group's whole member list, so two read-modify-writes that overlap can
 * put back a person the other just removed.
 */
import type pg from 'pg';
import type { Database } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';

/** What the work may run its SQL on while it holds the lock. */
export interface Sql {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Runs `work` while no other process changes `usergroup`. */
export type GroupLock = <T>(usergroup: string, work: (sql: Sql) => Promise<T>) => Promise<T>;

/**
 * On PostgreSQL, a transaction-scoped advisory lock on a client of its own: it is released
 * by commit, rollback, or the server when the process dies, so a crash never leaves a group
 * locked, and the work's SQL commits or rolls back with it. On embedded PGlite the pool has
 * one connection, and holding it through Slack calls would stall every other query; only
 * one process may own its data directory, so a queue in this process serialises enough.
 */
export function createGroupLock(database: Pick<Database, 'pool' | 'embedded'>): GroupLock {
  const { pool } = database;
  if (database.embedded) return (usergroup, work) => inTurn(queuesOf(pool), usergroup, () => work(pool));
  return (usergroup, work) =>
    inTransaction(pool, async (client) => {
      await client.query(`select pg_advisory_xact_lock(hashtext('latchkey-usergroup:' || $1))`, [usergroup]);
      return work(client);
    });
}

/** Per database, not per revoker: two systems may share one group. */
const queues = new WeakMap<pg.Pool, Map<string, Promise<unknown>>>();

function queuesOf(pool: pg.Pool): Map<string, Promise<unknown>> {
  const known = queues.get(pool) ?? new Map<string, Promise<unknown>>();
  queues.set(pool, known);
  return known;
}

function inTurn<T>(turns: Map<string, Promise<unknown>>, key: string, work: () => Promise<T>): Promise<T> {
  // Stored turns never reject, so the next one always runs.
  const turn = (turns.get(key) ?? Promise.resolve()).then(work);
  const settled = turn.catch(() => undefined);
  turns.set(key, settled);
  void settled.then(() => {
    if (turns.get(key) === settled) turns.delete(key);
  });
  return turn;
}
