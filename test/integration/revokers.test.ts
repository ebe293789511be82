/**
 * Contract: each revoker does what its catalog entry promises. The webhook revoker POSTs a
 * signed event that `verifyWebhook` accepts, with the same event id on every retry, and
 * throws (never echoing the secret or body) when the receiver fails, redirects or is slow.
 * Event ids differ between installations. The manual revoker sends each owner (or the
 * approval channel, or security when nobody else can act) a task card within Block Kit
 * limits and records it. `createRevokers` refuses to start when a webhook secret is missing.
 * (The user-group revoker has its own file.)
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildGrantTask } from '../../blocks/grant-task.js';
import { ACTION } from '../../blocks/ids.js';
import { asRequestId, asUserId, type Grant, type System } from '../../src/domain/types.js';
import type { Directory, GrantView } from '../../src/operations/ports.js';
import { checkRevokerSecrets, createRevokers } from '../../src/revokers/index.js';
import { createManualRevoker, type TaskRef } from '../../src/revokers/manual.js';
import { createWebhookRevoker, verifyWebhook } from '../../src/revokers/webhook.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';

type Any = any;
const SECRET = 'whsec-3f9a1c77e2b04d5a8c6e0b1d2f3a4b5c';
const GROUP = 'S0BILLADMINS';
const REVOKED_AT = new Date('2025-03-04T10:00:00.000Z');
const catalog = testCatalog();
const [billing, cms] = catalog.systems as [System, System];

const grant: Grant = {
  requestId: asRequestId(1042), userId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'admin', collection: 'sso_group',
  grantedAt: new Date('2025-03-04T01:00:00.000Z'), expiresAt: new Date('2025-03-04T09:00:00.000Z'),
  status: 'ending', endReason: 'released', endedBy: asUserId('U0REQ1'), endedAt: REVOKED_AT, attempts: 0, version: 2,
};
const INSTALLATION = 'install-a';
const view = (system: System = billing): GrantView => ({ grant, system, role: system.roles.at(-1)!, email: 'req1@example.com' });

interface Received { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }
const received: Received[] = [];
let answer: (res: ServerResponse) => void = (res) => res.writeHead(204).end();
let server: Server;
let base = '';

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk)).on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  received.length = 0;
  answer = (res) => res.writeHead(204).end();
  nock.cleanAll();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  nock.enableNetConnect();
});

const webhook = (timeoutMs?: number, installationId = INSTALLATION) =>
  createWebhookRevoker({ url: `${base}/latchkey/events?tenant=acme`, secret: SECRET, installationId, now: () => REVOKED_AT, ...(timeoutMs ? { timeoutMs } : {}) });

describe('webhook revoker', () => {
  it('when access is revoked, then a signed access.revoked event arrives and it resolves removed', async () => {
    expect(await webhook().revoke(view())).toBe('removed');
    const [call] = received;
    expect(call).toMatchObject({ method: 'POST', url: '/latchkey/events?tenant=acme' });
    expect(call!.headers).toMatchObject({ 'content-type': 'application/json', 'x-latchkey-timestamp': String(REVOKED_AT.getTime() / 1000) });
    expect(verifyWebhook(SECRET, call!.headers, call!.body, REVOKED_AT.getTime() / 1000)).toBe(true);
    const body = JSON.parse(call!.body);
    expect(body).toEqual({
      id: call!.headers['x-latchkey-event-id'], type: 'access.revoked', created_at: REVOKED_AT.toISOString(), request_id: 'AR-1042',
      system: 'billing', role: 'admin', user: { slack_id: 'U0REQ1', email: 'req1@example.com' }, expires_at: '2025-03-04T09:00:00.000Z', reason: 'released',
    });
    expect(body.id).toMatch(/^evt_[0-9a-f]{32}$/);
  });

  it('when two installations revoke the same request number, then their event ids differ', async () => {
    await webhook(undefined, 'install-a').revoke(view());
    await webhook(undefined, 'install-b').revoke(view());
    const [first, second] = received.map((call) => call.headers['x-latchkey-event-id']);
    expect(first).not.toBe(second);
  });

  it('when an extension is approved, then access.extended arrives with the new end and resolves', async () => {
    await webhook().extend(view());
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'access.extended', expires_at: grant.expiresAt.toISOString() });
  });

  it('when access is granted, then access.granted arrives without a reason, under another event id', async () => {
    expect(await webhook().grant({ ...view(), email: undefined })).toBe('granted');
    await webhook().revoke(view());
    const [granted, revoked] = received.map((call) => JSON.parse(call.body));
    expect(granted).toMatchObject({ type: 'access.granted', created_at: grant.grantedAt.toISOString(), user: { email: null } });
    expect(granted).not.toHaveProperty('reason');
    expect(granted.id).not.toBe(revoked.id);
  });

  it('when a revocation is retried, then both attempts carry the same event id', async () => {
    await webhook().revoke(view());
    await createWebhookRevoker({ url: `${base}/x`, secret: SECRET, installationId: INSTALLATION }).revoke(view());
    expect(received.map((call) => call.headers['x-latchkey-event-id'])).toEqual([expect.stringMatching(/^evt_/), received[0]!.headers['x-latchkey-event-id']]);
    expect(JSON.parse(received[1]!.body).id).toBe(received[0]!.headers['x-latchkey-event-id']);
  });

  it('when the receiver answers 500, then it throws with the status and neither the secret nor the body', async () => {
    answer = (res) => res.writeHead(500).end('down');
    const error: Error = await webhook().revoke(view()).catch((e) => e);
    expect(error.message).toMatch(/HTTP 500/);
    for (const leak of [SECRET, 'req1@example.com', 'tenant=acme']) expect(error.message).not.toContain(leak);
  });

  it('when the receiver redirects, then it throws and the event is not followed elsewhere', async () => {
    answer = (res) => res.writeHead(307, { location: `${base}/elsewhere` }).end();
    await expect(webhook().revoke(view())).rejects.toThrow(/HTTP 307/);
    expect(received).toHaveLength(1);
  });

  it('when the receiver does not answer in time, then it throws a timeout', async () => {
    answer = () => {};
    await expect(webhook(200).revoke(view())).rejects.toThrow(/no answer within 200 ms/);
  });
});

const client = () => new WebClient('xoxb-test', { retryConfig: { retries: 0 } });

/** chat.postMessage behind nock: DMs answer from a D… channel, as Slack does. */
function slackChat() {
  const posts: Any[] = [];
  nock('https://slack.com').persist().post('/api/chat.postMessage').reply((_uri, body) => {
    const args: Any = Object.fromEntries(new URLSearchParams(String(body)));
    posts.push({ ...args, blocks: JSON.parse(args.blocks) });
    return [200, { ok: true, channel: args.channel.replace(/^U/, 'D'), ts: `1741082400.00010${posts.length}` }];
  });
  return posts;
}
const directory: Directory = {
  person: async () => undefined,
  members: async (ref) => (ref === 'S0BILLOPS' ? ['U0OWNER2', 'U0OWNER3'] : ref === 'S0EMPTY' ? [] : [ref]).map(asUserId),
};
const manual = (records: TaskRef[], system?: System) =>
  createManualRevoker({ client: client(), catalog: system ? { ...catalog, systems: [system] } : catalog, directory, record: async (ref) => void records.push(ref) });

describe('manual revoker', () => {
  it('when access must go, then each owner, user groups expanded, gets one task card, recorded', async () => {
    const posts = slackChat();
    const records: TaskRef[] = [];
    const owners = { ...billing, owners: ['U0OWNER1', 'S0BILLOPS', 'U0OWNER2'] };
    expect(await manual(records).revoke({ ...view(), system: owners })).toBe('task_sent');
    expect(posts.map((post) => post.channel).sort()).toEqual(['U0OWNER1', 'U0OWNER2', 'U0OWNER3']);
    expect(posts[0].text).toBe('AR-1042: Remove <@U0REQ1> from Billing (Stripe) · Administrator');
    expect(JSON.stringify(posts[0].blocks)).toContain('Released by <@U0REQ1>');
    expect(records.map((ref) => ref.channel).sort()).toEqual(['D0OWNER1', 'D0OWNER2', 'D0OWNER3']);
    expect(records.every((ref) => ref.requestId === 1042 && /^1741082400\./.test(ref.ts))).toBe(true);
  });

  it('when the system has an approval channel, then the task goes there only', async () => {
    const posts = slackChat();
    const records: TaskRef[] = [];
    await manual(records).revoke(view(cms));
    expect(posts.map((post) => post.channel)).toEqual(['C0CMSAPPROVALS']);
    expect(records).toEqual([{ channel: 'C0CMSAPPROVALS', ts: '1741082400.000101', requestId: 1042, kind: 'deprovision_task', recipient: 'C0CMSAPPROVALS' }]);
  });

  it('when no owner is left to ask, then security gets the task', async () => {
    const posts = slackChat();
    await manual([]).revoke({ ...view(), system: { ...billing, owners: ['S0EMPTY'] } });
    expect(posts.map((post) => post.channel)).toEqual(['C0SECALERT']);
  });

  it('when owners left the task undone too long, then it goes to security', async () => {
    const posts = slackChat();
    await manual([]).revoke({ ...view(), escalate: true });
    expect(posts.map((post) => post.channel)).toEqual(['C0SECALERT']);
  });

  it('when no card can be posted, then it throws so the job retries', async () => {
    nock('https://slack.com').persist().post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    await expect(manual([]).revoke(view())).rejects.toThrow(/remove task for billing/);
  });

  it('when access is granted, then each owner gets a provisioning task with Done, granted', async () => {
    const posts = slackChat();
    const records: TaskRef[] = [];
    expect(await manual(records).grant({ ...view(), grant: { ...grant, status: 'provisioning' } })).toBe('task_sent');
    expect(posts.map((post) => post.channel).sort()).toEqual(['U0OWNER1', 'U0OWNER2']);
    expect(posts[0].text).toBe('AR-1042: Give <@U0REQ1> Billing (Stripe) · Administrator');
    expect(JSON.stringify(posts[0].blocks)).toContain('Done, granted');
    expect(records.every((ref) => ref.kind === 'provision_task')).toBe(true);
  });
});

describe('grant task cards', () => {
  const long = { ...billing, name: 'B'.repeat(75) };
  const extreme: GrantView = { ...view(), system: long, role: { ...billing.roles[1]!, name: 'R'.repeat(75) }, email: `${'<!channel>'.repeat(300)}@x.io` };

  it('when a removal is open, then it carries the Done button for the request, within Block Kit limits', () => {
    const { blocks } = buildGrantTask(extreme, 'remove');
    expect(blockKitViolations('message', blocks)).toEqual([]);
    const actions: Any = blocks.at(-1);
    expect(actions.elements[0]).toMatchObject({ action_id: ACTION.deprovisioned, value: '1042', text: { text: 'Done, removed' } });
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
  });

  it('when the removal is confirmed, then it says when, with no button', () => {
    const { blocks } = buildGrantTask({ ...extreme, grant: { ...grant, status: 'ended' } }, 'remove');
    expect(blockKitViolations('message', blocks)).toEqual([]);
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain(':white_check_mark: Removed, confirmed <!date^1741082400^');
  });

  it('when a provisioning task is no longer open, then it says how the grant stands, with no button', () => {
    const { blocks } = buildGrantTask({ ...view(), grant: { ...grant, status: 'ended' } }, 'provision');
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('Closed. :lock: Access ended');
  });

  it.each([
    ['expired', 'It expired'],
    ['revoked', 'Revoked'],
    ['leaver', '<@U0REQ1> left the organisation.'],
  ] as const)('when the reason is %s, then the card says so', (reason, words) => {
    const { blocks } = buildGrantTask({ ...view(), grant: { ...grant, endReason: reason } }, 'remove');
    expect(JSON.stringify(blocks)).toContain(words);
  });
});

describe('choosing revokers', () => {
  const yaml = TEST_CATALOG_YAML.replace(
    'collection: [sso_group, delegated_account]',
    'collection: [sso_group, delegated_account]\n    revoker: { type: webhook, url: "http://127.0.0.1:9/x", secret_env: LATCHKEY_WEBHOOK_SECRET }',
  ).replace('collection: [admin_invite]', `collection: [admin_invite]\n    revoker: { type: slack_usergroup, usergroup: ${GROUP} }`);
  const configured = testCatalog(yaml);
  const database = { pool: undefined as never, embedded: true };
  const options = (secrets: Record<string, string | undefined>) => ({ client: client(), catalog: configured, directory, record: async () => {}, secrets, database, installationId: INSTALLATION });

  it('when a webhook secret is unset, then start-up fails naming the system and the variable', () => {
    expect(checkRevokerSecrets(configured, { LATCHKEY_WEBHOOK_SECRET: '' })).toEqual(['systems billing: revoker secret LATCHKEY_WEBHOOK_SECRET is not set']);
    expect(() => createRevokers(options({}))).toThrow('systems billing: revoker secret LATCHKEY_WEBHOOK_SECRET is not set');
  });

  it('when every secret is set, then each system gets its revoker, built once', async () => {
    const revokers = createRevokers(options({ LATCHKEY_WEBHOOK_SECRET: SECRET }));
    const [bill] = configured.systems as [System];
    expect(revokers(bill)).toBe(revokers({ ...bill }));
    expect(checkRevokerSecrets(catalog, {})).toEqual([]);
  });
});
