/**
 * The bot compiled as `npm start` runs it (plain node, no tsx loader, which alone adds tens
 * of MB), into node_modules/.cache so its packages resolve from the project and dist/ is
 * left alone.
 */
import { execFile } from 'node:child_process';
import { access, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'node_modules/.cache/latchkey-bench');

/** Compiles src/ and returns the path of main.js. */
export async function buildBot(): Promise<string> {
  const entry = join(OUT, 'src/main.js');
  await rm(OUT, { recursive: true, force: true });
  // tsc emits even when it reports type errors; those are for `npm run typecheck` to show.
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT], { cwd: ROOT }).catch(() => undefined);
  await access(entry);
  return entry;
}
