/**
 * One process per embedded data directory. PGlite takes no lock of its own, and two
 * processes writing one directory corrupt it, so the first one leaves its pid in a lock
 * file and a second refuses to start while that pid lives.
 */
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config/env.js';

export const LOCK_FILE = 'latchkey.pid';

/**
 * Lock files this process holds. One that names our pid but is not here was left by an
 * earlier process that had the same pid, as every process in a container may be pid 1.
 */
const held = new Set<string>();

export interface DataDirLock {
  /** Removes the lock file, if it is still this process's. */
  release(): Promise<void>;
}

/**
 * Creates `dataDir` (0700: the embedded server has no password, its files are the data)
 * and takes its lock, taking over one left by a process that is gone. Throws ConfigError
 * naming the holder's pid when another process has it.
 */
export async function lockDataDir(dataDir: string, pid: number = process.pid): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const path = join(resolve(dataDir), LOCK_FILE);
  if (!(await create(path, pid))) {
    const holder = await holderOf(path);
    if (holder !== undefined && (held.has(path) || (holder !== pid && isRunning(holder)))) {
      throw new ConfigError([`DATA_DIR ${dataDir} is in use by another Latchkey process (pid ${holder}); stop it first`]);
    }
    await rm(path, { force: true });
    // Two processes taking over the same stale lock at once: only one creates the new file.
    if (!(await create(path, pid))) return lockDataDir(dataDir, pid);
  }
  held.add(path);
  return {
    release: async () => {
      held.delete(path);
      if ((await holderOf(path)) === pid) await rm(path, { force: true });
    },
  };
}

/**
 * Writes the pid beside the lock and links it into place: the link fails if a lock exists,
 * and a lock that exists is never half-written, so an empty one can only be debris.
 */
async function create(path: string, pid: number): Promise<boolean> {
  const draft = `${path}.${pid}`;
  await writeFile(draft, `${pid}\n`, { mode: 0o600 });
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

async function holderOf(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Signal 0 only asks whether the pid exists; EPERM means it does, under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
