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

export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const database = serverUrl ? await openServerDatabase(serverUrl) : await openDatabase({ memory: true });
  return {
    ...database,
    reset: async () => {
      await database.pool.query('truncate grants, slack_messages, audit_events, slack_events, requests restart identity cascade');
      await database.pool.query('delete from agenda_jobs where repeat_interval is null').catch(() => undefined);
    },
  };
}

async function openServerDatabase(serverUrl: string): Promise<Database> {
  const name = `latchkey_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
