/**
 * Creates an embedded data directory in a short-lived child process. PGlite's initdb runs a
 * second PGlite instance and copies a tarball of the new cluster through memory; in the bot's
 * own process that left about 450 MB resident for good (WebAssembly memory never shrinks,
 * and the closed instance stayed reachable). A child gives all of it back when it exits.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Opening a PGlite on an empty directory is what runs initdb; closing it flushes the files.
const INITDB = 'const [url, dir] = process.argv.slice(1); const { PGlite } = await import(url); await (await PGlite.create(dir)).close();';

/** Runs initdb in `dataDir` unless it already holds a cluster. */
export async function initdbApart(dataDir: string): Promise<void> {
  if (await exists(join(dataDir, 'PG_VERSION'))) return;
  // A plain node: the child needs none of this process's loaders or flags.
  await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', INITDB, import.meta.resolve('@electric-sql/pglite'), dataDir]);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
