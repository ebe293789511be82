/**
 * Contract: dependencies point inward. The domain imports nothing but itself (no packages,
 * no node:, no process, no clock); use cases import only the domain and each other;
 * Block Kit builders touch no Slack client, SQL or HTTP.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  return [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

const resolved = (from: string, spec: string) => (spec.startsWith('.') ? relative(root, join(root, from, '..', spec)) : spec);

describe.each([
  ['src/domain', (target: string) => target.startsWith('src/domain/')],
  ['src/operations', (target: string) => target.startsWith('src/domain/') || target.startsWith('src/operations/')],
  ['blocks', (target: string) => target.startsWith('blocks/') || target.startsWith('src/domain/') || target.startsWith('src/operations/ports') || target === '@slack/types'],
])('%s', (dir, allowed) => {
  it.each(sources(dir))('%s imports only what it may', (path) => {
    const outside = imports(path).map((spec) => resolved(path, spec)).filter((target) => !allowed(target));
    expect(outside).toEqual([]);
  });
});

describe('the domain', () => {
  it.each(sources('src/domain'))('%s reads no clock and no environment', (path) => {
    const text = readFileSync(join(root, path), 'utf8');
    expect(text).not.toMatch(/Date\.now\(|new Date\(\)|process\.|performance\./);
  });
});
