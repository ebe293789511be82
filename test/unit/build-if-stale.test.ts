// Contract: build-if-stale.mjs (npm's prepare and prestart) builds only when dist/ is missing
// or older than the sources, so `npm start` runs the built code without TypeScript; when a
// build is needed and TypeScript is absent (npm ci --omit=dev) it fails saying what to do.
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
const at = (path: string) => join(dir, path);
const run = () => spawnSync(process.execPath, [at('build-if-stale.mjs')], { encoding: 'utf8' });
const age = (path: string, seconds: number) => utimes(at(path), new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000));

/** A stand-in for tsc that records its arguments and writes the output. */
async function fakeTsc(): Promise<void> {
  await mkdir(at('node_modules/.bin'), { recursive: true });
  await writeFile(at('node_modules/.bin/tsc'), '#!/bin/sh\necho "$@" > tsc-args\nmkdir -p dist/src && touch dist/src/main.js\n');
  await chmod(at('node_modules/.bin/tsc'), 0o755);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-build-'));
  await copyFile(new URL('../../build-if-stale.mjs', import.meta.url), at('build-if-stale.mjs'));
  await mkdir(at('src'));
  await writeFile(at('src/main.ts'), 'export {};\n');
  await age('src/main.ts', 60);
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe('build-if-stale', () => {
  it('when dist is newer than every source, then it does nothing, even without TypeScript', async () => {
    await mkdir(at('dist/src'), { recursive: true });
    await writeFile(at('dist/src/main.js'), '');
    expect(run()).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('when a source changed after the build, then it builds with the build tsconfig', async () => {
    await mkdir(at('dist/src'), { recursive: true });
    await writeFile(at('dist/src/main.js'), '');
    await age('dist/src/main.js', 120);
    await fakeTsc();
    expect(run().status).toBe(0);
    expect(await readFile(at('tsc-args'), 'utf8')).toBe('-p tsconfig.build.json\n');
  });

  it('when dist is missing and TypeScript is not installed, then it fails saying how to build', () => {
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dist/ is missing and TypeScript is not installed: run npm ci (with dev dependencies) to build once.');
  });
});
