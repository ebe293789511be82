// Contract: `latchkey migrate` on a fresh database applies every migration, names the
// versions it applied and exits 0; run again, it applies nothing and says so. It reads
// DATABASE_URL (PostgreSQL, from TEST_DATABASE_URL here) or DATA_DIR (embedded), as the bot does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { createScratchDatabase } from '../helpers/database.js';
import { runLatchkey } from '../helpers/cli.js';

let env: Record<string, string>;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const scratch = await createScratchDatabase(server, 'latchkey_cli');
    env = { DATABASE_URL: scratch.url };
    cleanUp = scratch.drop;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'latchkey-cli-'));
    env = { DATA_DIR: join(dir, 'data') };
    cleanUp = () => rm(dir, { recursive: true, force: true });
  }
});

afterAll(() => cleanUp());

describe('latchkey migrate', () => {
  it('when the database is fresh, then it applies every migration and names them', async () => {
    const run = await runLatchkey(['migrate'], env);
    expect(run).toEqual({ code: 0, stdout: `applied migrations: ${MIGRATIONS.map((m) => m.version).join(', ')}\n`, stderr: '' });
  }, 120_000); // a fresh embedded database is created first: slow on a busy machine

  it('when the schema is current, then it applies nothing', async () => {
    const run = await runLatchkey(['migrate'], env);
    expect(run).toEqual({ code: 0, stdout: 'the schema is up to date: nothing to apply\n', stderr: '' });
  });

  it('when DATABASE_URL is not a postgres URL, then it fails naming the variable', async () => {
    const run = await runLatchkey(['migrate'], { DATABASE_URL: 'mysql://db/latchkey' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
  });
});
