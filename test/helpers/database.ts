/**
 * A real database for each test file: embedded PGlite in memory by default, or a fresh
 * database on the PostgreSQL server named by TEST_DATABASE_URL, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/database.js';

export interface TestDatabase extends Database {
  /** Empties every table between tests; ids start again at AR-1001. */
  reset(): Promise<void>;
}

/**
 * audit_events refuses TRUNCATE, and edits of sealed events; a superuser's session in the
 * replica role skips those triggers. Tests start empty this way, and tamper this way.
 */
export const UNGUARDED = 'set local session_replication_role = replica';

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const database = serverUrl ? await openServerDatabase(serverUrl) : await openDatabase({ memory: true });
  return {
    ...database,
    reset: async () => {
      await database.pool.query(`begin; ${UNGUARDED}; truncate grants, slack_messages, audit_events, slack_events, requests, effects, packets, delegations restart identity cascade; commit`);
      await database.pool.query('delete from agenda_jobs where repeat_interval is null').catch(() => undefined);
    },
  };
}

async function openServerDatabase(serverUrl: string): Promise<Database> {
  const scratch = await createScratchDatabase(serverUrl, 'latchkey_test');
  const database = await openDatabase({ url: scratch.url });
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A new, empty database on the server, named `prefix_<random>`, and a way to drop it. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
