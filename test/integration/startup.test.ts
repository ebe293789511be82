/**
 * Contract: `npm start`'s program refuses bad configuration with one clear line per problem
 * and no stack trace; with good configuration it starts on embedded PGlite, answers
 * health checks, warns about catalog people Slack doesn't know, and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
let dir: string;
let slack: Server;
let slackUrl: string;
let authError: string | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-start-'));
  await copyFile(join(root, 'catalog.example.yml'), join(dir, 'catalog.yml'));
  slack = createServer((req, res) => {
    const method = req.url?.replace('/api/', '') ?? '';
    const body = method === 'auth.test'
      ? authError ? { ok: false, error: authError } : { ok: true, team_id: 'T0LATCH', user_id: 'U0BOT', bot_id: 'B0BOT' }
      : { ok: false, error: method === 'users.info' ? 'user_not_found' : 'no_such_subteam' };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }).listen(0, '127.0.0.1');
  await once(slack, 'listening');
  slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  slack.close();
  await rm(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(tsx, [join(root, 'src/main.ts')], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number);
  return { child, exited, out: () => stdout, err: () => stderr };
}

const good = () => ({ SLACK_BOT_TOKEN: 'xoxb-good', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slackUrl, PORT: '0', LATCHKEY_WEBHOOK_SECRET: 'webhook-secret-for-tests-3b7e0c5d9a1f4e2b' });

describe('refusing bad configuration', () => {
  it('when nothing is configured, then it exits 1 listing every missing variable, without a stack trace', async () => {
    const run = start({});
    expect(await run.exited).toBe(1);
    expect(run.err()).toBe(
      'Latchkey cannot start:\n' +
        '  SLACK_BOT_TOKEN: is required\n' +
        '  SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)\n',
    );
  });

  it('when the catalog is invalid, then it exits 1 naming the file, line and path', async () => {
    await writeFile(join(dir, 'bad.yml'), 'version: 1\nsecurity: { reviewers: [U0SEC1] }\nsystems:\n  - id: Billing\n');
    const run = start({ ...good(), CATALOG_PATH: 'bad.yml' });
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/^Latchkey cannot start:\n/);
    expect(run.err()).toContain('\n  bad.yml:4:9 systems[0].id: "Billing" is not an id');
    expect(run.err()).not.toMatch(/\n\s+at /);
  });

  it('when a webhook revoker\'s secret is missing, then it exits 1 naming the system and the variable', async () => {
    const { LATCHKEY_WEBHOOK_SECRET: _unset, ...env } = good();
    const run = start({ ...env, DATA_DIR: join(dir, 'data-no-secret') });
    expect(await run.exited).toBe(1);
    expect(run.err()).toBe('Latchkey cannot start:\n  systems prod-db: revoker secret LATCHKEY_WEBHOOK_SECRET is not set\n');
  }, 60_000);

  it('when Slack rejects the token, then it exits 1 saying so', async () => {
    authError = 'invalid_auth';
    try {
      const run = start({ ...good(), DATA_DIR: join(dir, 'data-bad-token') });
      expect(await run.exited).toBe(1);
      expect(run.err()).toBe('Latchkey cannot start:\n  SLACK_BOT_TOKEN: Slack did not accept the token (invalid_auth)\n');
    } finally {
      authError = undefined;
    }
  }, 60_000);
});

describe('starting', () => {
  it('when configured, then it serves health checks on embedded PGlite, warns about unknown people, and stops on SIGTERM', async () => {
    const run = start({ ...good(), DATA_DIR: join(dir, 'data') });
    const port = await new Promise<number>((done, fail) => {
      run.child.stdout.on('data', () => {
        const line = run.out().split('\n').find((l) => l.includes('Latchkey is running'));
        if (line) done(JSON.parse(line).port);
      });
      run.exited.then(() => fail(new Error(run.err())));
    });

    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    await expect.poll(() => run.out()).toContain('catalog: U0');
    expect(run.out()).toContain('is not in this workspace');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.out()).not.toContain('xoxb-good');
  }, 60_000);
});
