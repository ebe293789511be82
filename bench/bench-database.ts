/**
 * A fresh database for an in-process bench, on each database Latchkey runs on: embedded on
 * a DATA_DIR in a temp directory, as deployed, or a scratch database on the PostgreSQL
 * server named by BENCH_DATABASE_URL or TEST_DATABASE_URL (measured when one is set).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/database.js';
import { createScratchDatabase, type TestDatabase } from '../test/helpers/database.js';

export interface BenchDatabase {
  label: 'embedded' | 'PostgreSQL';
  open(): Promise<TestDatabase>;
}

export function benchDatabases(): BenchDatabase[] {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const embedded: BenchDatabase = { label: 'embedded', open: openEmbedded };
  return server ? [embedded, { label: 'PostgreSQL', open: () => openScratch(server) }] : [embedded];
}

async function openEmbedded(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-bench-'));
  const database = await openDatabase({ dataDir: join(dir, 'data') });
  return { ...database, reset: notNeeded, close: () => database.close().finally(() => rm(dir, { recursive: true, force: true })) };
}

async function openScratch(server: string): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(server, 'latchkey_bench');
  const database = await openDatabase({ url: scratch.url });
  return { ...database, reset: notNeeded, close: () => database.close().finally(() => scratch.drop()) };
}

/** Each bench run starts on its own fresh database. */
async function notNeeded(): Promise<void> {}
