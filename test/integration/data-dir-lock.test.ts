/**
 * Contract: one process owns an embedded DATA_DIR. A second open of the same directory is
 * refused with one line naming the holder's pid, and `npm start`'s program prints that line
 * and exits 1; a lock left by a process that is gone (or by an earlier process with this
 * one's pid) is taken over; closing frees the directory; the directory is 0700 whether it
 * was created or already there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { LOCK_FILE } from '../../src/store/data-dir-lock.js';
import { openDatabase, type Database } from '../../src/store/database.js';

const root = resolve(import.meta.dirname, '../..');
let base: string;
let dataDir: string;
const opened: Database[] = [];

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'latchkey-lock-'));
  dataDir = join(base, 'data');
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
  await rm(base, { recursive: true, force: true });
});

async function open(): Promise<Database> {
  const database = await openDatabase({ dataDir });
  opened.push(database);
  return database;
}

const inUse = (pid: number) => `DATA_DIR ${dataDir} is in use by another Latchkey process (pid ${pid}); stop it first`;
const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('the embedded data directory', () => {
  it('when a second open targets a directory in use, then it is refused with the holder pid', async () => {
    await open();
    const refused = await openDatabase({ dataDir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([inUse(process.pid)]);
  }, 30_000);

  it('when the holder closes, then the lock is gone and the directory opens again', async () => {
    await (await openDatabase({ dataDir })).close();
    await expect(readFile(join(dataDir, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    await open();
  }, 30_000);

  it('when the lock was left by a process that has exited, then it is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, LOCK_FILE), `${gone}\n`);
    await open();
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
  }, 30_000);

  it('when the lock names this pid but another process left it (pid 1 in a container), then it is taken over', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, LOCK_FILE), `${process.pid}\n`);
    await open();
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
  }, 30_000);

  it('when the directory is created, then only its owner may enter it', async () => {
    await open();
    expect(await mode(dataDir)).toBe(0o700);
  }, 30_000);

  it('when the directory already exists open to others, then it is narrowed to 0700', async () => {
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await open();
    expect(await mode(dataDir)).toBe(0o700);
  }, 30_000);

  it('when the bot starts on a directory in use, then it exits 1 printing the one line', async () => {
    await open();
    const env = {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      CATALOG_PATH: join(root, 'catalog.example.yml'),
      LATCHKEY_WEBHOOK_SECRET: 'data-dir-lock-test-secret-0123456789',
      DATA_DIR: dataDir,
    };
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/main.ts')], { cwd: base, env });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toBe(`Latchkey cannot start:\n  ${inUse(process.pid)}\n`);
  }, 60_000);
});
