// Contract: `latchkey doctor` prints one line per finding, ✓ or ✗ with what to do, and exits
// non-zero when any line is ✗: the token, the granted scopes against manifest.yml (from the
// x-oauth-scopes header), the bot's membership of approval and alerts channels, user groups
// of slack_usergroup revokers, the catalog's people, the database's migrations, OpenAI, and a
// signed latchkey.test event to each webhook receiver. It never prints a token or a secret.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { verifyWebhook } from '../../src/revokers/webhook.js';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';
import { runLatchkey } from '../helpers/cli.js';
import { createScratchDatabase } from '../helpers/database.js';
import { BOT_USER, FakeSlack, TEAM } from '../helpers/fake-slack.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const BOT_TOKEN = 'xoxb-doctor-test-token';
const ADMIN_TOKEN = 'xoxp-doctor-test-admin';
const SECRET = 'doctor-test-webhook-secret-0123456789abcdef';
const MANIFEST_SCOPES: string[] = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')).oauth_config.scopes.bot;

let dir: string;
let env: Record<string, string>;
let dropDatabase: () => Promise<void>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let slack: FakeSlack;
let scopes: string[];
let adminScopes: string[];

/** Slack reports each token's granted scopes in a header; the fake Slack answers everything else. */
function answerAuthTestWithScopes(): void {
  nock('https://slack.com')
    .persist()
    .post('/api/auth.test')
    .reply(function () {
      const granted = String(this.req.headers.authorization).includes(ADMIN_TOKEN) ? adminScopes : scopes;
      return [200, { ok: true, team_id: TEAM, user_id: BOT_USER, bot_id: 'B0LATCHKEY' }, { 'x-oauth-scopes': granted.join(',') }];
    });
}

async function databaseEnv(): Promise<Record<string, string>> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return { DATA_DIR: join(dir, 'data') };
  const scratch = await createScratchDatabase(server, 'latchkey_doctor');
  dropDatabase = scratch.drop;
  return { DATABASE_URL: scratch.url };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-doctor-'));
  dropDatabase = async () => undefined;
  receiver = await startWebhookReceiver();
  const catalog = TEST_CATALOG_YAML.replace('collection: [admin_invite]\n', 'collection: [admin_invite]\n    revoker: { type: slack_usergroup, usergroup: S0CMSOWNERS }\n').replace(
    'collection: [delegated_account]\n',
    `collection: [delegated_account]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: ADS_WEBHOOK_SECRET }\n`,
  );
  await writeFile(join(dir, 'catalog.yml'), catalog);
  env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'doctor-signing-secret', CATALOG_PATH: join(dir, 'catalog.yml'), ADS_WEBHOOK_SECRET: SECRET, ...(await databaseEnv()) };
  expect((await runLatchkey(['migrate'], env)).code).toBe(0);
}, 120_000); // creating an embedded database is slow on a busy machine

beforeEach(() => {
  scopes = [...MANIFEST_SCOPES];
  adminScopes = ['chat:write'];
  answerAuthTestWithScopes();
  slack = new FakeSlack();
  slack.joined = new Set(['C0CMSAPPROVALS', 'C0SECALERT']);
  receiver.answer(200);
  receiver.received.length = 0;
});

afterEach(() => slack.close());

afterAll(async () => {
  await receiver.close();
  await dropDatabase();
  await rm(dir, { recursive: true, force: true });
});

const failures = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('✗'));

describe('latchkey doctor', () => {
  it('when everything is in place, then every line is ✓ and it exits 0', async () => {
    const run = await runLatchkey(['doctor'], env);
    expect(run.stdout.trimEnd().split('\n').map((line) => line.slice(0, 1))).toEqual(Array(9).fill('✓'));
    expect(run.stdout).toContain('the bot is a member of C0CMSAPPROVALS (approval channel of cms)');
    expect(run.stdout).toContain('user group S0CMSOWNERS (revoker of cms) is readable');
    expect(run.stdout).toContain('migrations are current');
    expect(run.code).toBe(0);
  });

  it('when a scope of the manifest is not granted, then a ✗ line names it and the exit is non-zero', async () => {
    scopes = scopes.filter((scope) => scope !== 'usergroups:write');
    const run = await runLatchkey(['doctor'], env);
    expect(failures(run.stdout)).toEqual([expect.stringMatching(/^✗ the bot token lacks scopes manifest\.yml asks for: usergroups:write — add them under OAuth & Permissions/)]);
    expect(run.code).toBe(1);
  });

  it('when the admin user token is set, then its user scopes are checked too', async () => {
    const withAdmin = { ...env, SLACK_ADMIN_USER_TOKEN: ADMIN_TOKEN };
    expect((await runLatchkey(['doctor'], withAdmin)).stdout).toContain('✓ SLACK_ADMIN_USER_TOKEN has every scope manifest.yml asks for (1)');
    adminScopes = ['users:read'];
    const run = await runLatchkey(['doctor'], withAdmin);
    expect(failures(run.stdout)).toEqual([expect.stringMatching(/^✗ SLACK_ADMIN_USER_TOKEN lacks scopes manifest\.yml asks for: chat:write — add them under OAuth & Permissions → User Token Scopes/)]);
    expect(run.stdout).not.toContain(ADMIN_TOKEN);
  });

  it('when the bot is not in an approval channel, then a ✗ line names it with the fix', async () => {
    slack.joined.delete('C0CMSAPPROVALS');
    const run = await runLatchkey(['doctor'], env);
    expect(failures(run.stdout)).toEqual([expect.stringMatching(/^✗ the bot is not a member of C0CMSAPPROVALS \(approval channel of cms\) — invite the bot/)]);
    expect(run.code).toBe(1);
  });

  it('when Slack refuses the token, then that is a ✗ and the token is never printed', async () => {
    slack.fail('auth.test', 'invalid_auth');
    nock.removeInterceptor({ hostname: 'slack.com', method: 'POST', path: '/api/auth.test', proto: 'https' });
    const run = await runLatchkey(['doctor'], env);
    expect(failures(run.stdout)[0]).toMatch(/^✗ Slack refused SLACK_BOT_TOKEN \(invalid_auth\) — copy the Bot User OAuth Token/);
    expect(run.stdout + run.stderr).not.toContain(BOT_TOKEN);
    expect(run.code).toBe(1);
  });

  it('when a catalog person is deactivated or a user group is unknown, then each is a ✗', async () => {
    slack.people.set('U0OWNER3', { id: 'U0OWNER3', deleted: true });
    slack.groups.delete('S0CMSOWNERS');
    const run = await runLatchkey(['doctor'], env);
    expect(failures(run.stdout)).toEqual([
      expect.stringMatching(/^✗ user group S0CMSOWNERS \(revoker of cms\) cannot be read: no_such_subteam/),
      expect.stringMatching(/^✗ S0CMSOWNERS \(owner of cms\) could not be checked/),
      '✗ U0OWNER3 (owner of ads) is deactivated — update the catalog',
    ]);
  });

  it('sends each webhook receiver a latchkey.test event it can verify, and a ✗ when it refuses it', async () => {
    await runLatchkey(['doctor'], env);
    const [event] = receiver.received;
    expect(event!.json).toMatchObject({ type: 'latchkey.test', id: expect.stringMatching(/^evt_test_/) });
    expect(verifyWebhook(SECRET, event!.headers, event!.body, Math.floor(Date.now() / 1000))).toBe(true);
    receiver.answer(500);
    const run = await runLatchkey(['doctor'], env);
    expect(failures(run.stdout)).toEqual([expect.stringMatching(/^✗ the webhook receiver of ads \(127\.0\.0\.1:\d+\) answered a signed test event with HTTP 500 — /)]);
    expect(run.stdout).not.toContain(SECRET);
  });

  it('when a webhook secret is unset, then that is a ✗ naming the variable', async () => {
    const run = await runLatchkey(['doctor'], { ...env, ADS_WEBHOOK_SECRET: '' });
    expect(failures(run.stdout)).toEqual([expect.stringMatching(/^✗ systems ads: revoker secret ADS_WEBHOOK_SECRET is not set — set ADS_WEBHOOK_SECRET/)]);
  });

  it('when OpenAI is configured, then its endpoint is asked for its models', async () => {
    nock('https://llm.example.com').persist().get('/v1/models').reply(200, { object: 'list', data: [{ id: 'small-model', object: 'model' }] });
    const openai = { ...env, OPENAI_API_KEY: 'sk-doctor-test', OPENAI_BASE_URL: 'https://llm.example.com/v1' };
    expect((await runLatchkey(['doctor'], { ...openai, OPENAI_MODEL: 'small-model' })).stdout).toContain('✓ llm.example.com answers (model small-model)');
    const run = await runLatchkey(['doctor'], { ...openai, OPENAI_MODEL: 'big-model' });
    expect(failures(run.stdout)).toEqual(['✗ llm.example.com answers but does not offer big-model — set OPENAI_MODEL to one it offers (small-model)']);
  });

  it('when OpenAI refuses the key, then that is a ✗ with the status and no part of the key', async () => {
    nock('https://llm.example.com').persist().get('/v1/models').reply(401, { error: { message: 'Incorrect API key provided: sk-doc****test', type: 'invalid_request_error' } });
    const run = await runLatchkey(['doctor'], { ...env, OPENAI_API_KEY: 'sk-doctor-test', OPENAI_BASE_URL: 'https://llm.example.com/v1' });
    expect(failures(run.stdout)).toEqual([expect.stringMatching(/^✗ llm\.example\.com does not answer as an OpenAI-compatible API \(HTTP 401\) — /)]);
    expect(run.stdout).not.toContain('sk-doc');
  });

  it('when the configuration is incomplete, then its problems are the report', async () => {
    const run = await runLatchkey(['doctor'], { CATALOG_PATH: env.CATALOG_PATH });
    expect(failures(run.stdout)).toContain('✗ SLACK_BOT_TOKEN: is required — see .env.example');
    expect(run.code).toBe(1);
  });
});

describe('latchkey doctor on a database never migrated', () => {
  it('reports the pending migrations with the command that applies them', async () => {
    const fresh = process.env.TEST_DATABASE_URL ? await createScratchDatabase(process.env.TEST_DATABASE_URL, 'latchkey_doctor') : undefined;
    try {
      const database = fresh ? { DATABASE_URL: fresh.url } : { DATA_DIR: join(dir, 'fresh') };
      const run = await runLatchkey(['doctor'], { ...env, ...database, DATABASE_URL: database.DATABASE_URL ?? '' });
      expect(failures(run.stdout)).toEqual([expect.stringMatching(/database answers but migrations 1, 2, .* are not applied — run npx latchkey migrate/)]);
    } finally {
      await fresh?.drop();
    }
  }, 120_000);
});
