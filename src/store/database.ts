/**
 * One PostgreSQL connection pool, whichever database sits behind it: a real server when
 * DATABASE_URL is set, otherwise embedded PGlite served on a private Unix socket. The rest
 * of the program, and Agenda, speak plain SQL to the pool either way.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { initdbApart } from './embedded-initdb.js';
import { migrate } from './migrations.js';
import { preparingPool } from './prepared-client.js';

export interface Database {
  pool: pg.Pool;
  /** Embedded PGlite cannot carry LISTEN/NOTIFY across its socket; job runners must poll. */
  embedded: boolean;
  /**
   * True when this process alone can use the database (an embedded data directory under
   * its lock): whatever another process claimed there, it claimed before it died.
   */
  exclusive: boolean;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

/**
 * Opens the database and brings its schema up to date; `migrate: false` leaves the schema
 * as it is, for the operator's commands that report on it.
 */
export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  const database = 'url' in target ? await openServer(target.url) : await openEmbedded(target);
  if (options.migrate === false) return database;
  try {
    await migrate(database.pool);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openServer(url: string): Promise<Database> {
  const pool = quietIdleErrors(new pg.Pool({ connectionString: url, max: 10 }));
  return { pool, embedded: false, exclusive: false, close: () => pool.end() };
}

/**
 * A connection the server drops (a restart, a failover, an admin's kill) must not crash the
 * process, whether it sat idle in the pool or was checked out between queries: the pool
 * replaces it on next use, and a query in flight still fails to its caller.
 */
function quietIdleErrors(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

async function openEmbedded(target: { dataDir: string } | { memory: true }): Promise<Database> {
  const lock = 'dataDir' in target ? await lockDataDir(target.dataDir) : undefined;
  const dataDir = 'dataDir' in target ? join(target.dataDir, 'pglite') : undefined;
  const db = await createPGlite(dataDir).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  // A socket directory only this user can enter: the embedded server has no password.
  const socketDir = await mkdtemp(join(tmpdir(), 'latchkey-'));
  // PGlite is one backend: the socket server multiplexes connections onto it, and under
  // load interleaved sessions were seen to stall. One pooled connection serialises all
  // queries (PGlite would anyway); the spare socket slot lets a dropped one be replaced.
  const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 2 });
  await server.start();
  const pool = quietIdleErrors(preparingPool({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 }));
  return {
    pool,
    embedded: true,
    exclusive: lock !== undefined,
    close: async () => {
      await pool.end();
      await server.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
      await lock?.release();
    },
  };
}

/**
 * PostgreSQL's default shared_buffers (128 MB) is sized for a server; here the buffers sit in
 * this process's WebAssembly memory, which is never returned, while the data files are
 * cached by the kernel anyway. Given on the command line, so existing data directories get
 * it too.
 */
const EMBEDDED_SETTINGS = ['-c', 'shared_buffers=16MB'];

/**
 * V8 compiles hot WebAssembly functions a second time with its optimising tier and keeps
 * both; for the 9 MB pglite.wasm that is ≈ 50–60 MB resident for good. The baseline code
 * alone measured within 5 % of the speed on a long query loop (faster on a short one), so
 * the embedded database keeps only that. Set before PGlite compiles its module; it touches
 * nothing but WebAssembly, which nothing else here uses.
 */
function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}

async function createPGlite(dataDir: string | undefined): Promise<PGlite> {
  baselineWasmOnly();
  if (dataDir) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await initdbApart(dataDir);
  }
  return PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS] });
}
