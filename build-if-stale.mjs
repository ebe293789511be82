/**
 * Builds dist/ when it is missing or older than the sources, and does nothing otherwise.
 * `npm install` (prepare) and `npm start` (prestart) both run it, so a fresh clone builds
 * once and every start runs the built code without TypeScript: `npm ci --omit=dev` on a
 * built tree starts. Node built-ins only, because it runs before anything is compiled and
 * where dev dependencies may be absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

process.chdir(import.meta.dirname);
const OUTPUT = 'dist/src/main.js';
const SOURCES = ['src', 'blocks', 'jobs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const TSC = join('node_modules', '.bin', 'tsc');

/** The latest modification time under `path`, in milliseconds. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
if (SOURCES.filter(existsSync).every((source) => newest(source) <= built)) process.exit(0);
if (!existsSync(TSC)) {
  console.error(`${existsSync(OUTPUT) ? 'dist/ is older than the sources' : 'dist/ is missing'} and TypeScript is not installed: run npm ci (with dev dependencies) to build once.`);
  process.exit(1);
}
const { status } = spawnSync(TSC, ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exit(status ?? 1);
