/**
 * Contract: each revoker does what its catalog entry promises. The webhook revoker POSTs a
 * signed event that `verifyWebhook` accepts, with the same event id on every retry, and
 * throws (never echoing the secret or body) when the receiver fails, redirects or is slow.
 * The user-group revoker adds or removes only the grantee, changes nothing when there is
 * nothing to change, and disables a group rather than emptying it. The manual revoker sends
 * each owner (or the approval channel) a task card within Block Kit limits and records it.
 * `createRevokers` refuses to start when a webhook secret is missing.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildDeprovisionTask } from '../../blocks/deprovision-task.js';
import { ACTION } from '../../blocks/ids.js';
import { asRequestId, asUserId, type Grant, type System } from '../../src/domain/types.js';
import type { Directory, GrantView } from '../../src/operations/ports.js';
import { checkRevokerSecrets, createRevokers } from '../../src/revokers/index.js';
import { createManualRevoker, type TaskRef } from '../../src/revokers/manual.js';
import { createUsergroupRevoker } from '../../src/revokers/slack-usergroup.js';
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
  status: 'revoking', revokeReason: 'released', revokedBy: asUserId('U0REQ1'), revokedAt: REVOKED_AT, attempts: 0, version: 2,
};
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

const webhook = (timeoutMs?: number) => createWebhookRevoker({ url: `${base}/latchkey/events?tenant=acme`, secret: SECRET, now: () => REVOKED_AT, ...(timeoutMs ? { timeoutMs } : {}) });

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
    expect(body.id).toMatch(/^evt_[0-9a-f]{24}$/);
  });

  it('when access is granted, then access.granted arrives without a reason, under another event id', async () => {
    await webhook().grant({ ...view(), email: undefined });
    await webhook().revoke(view());
    const [granted, revoked] = received.map((call) => JSON.parse(call.body));
    expect(granted).toMatchObject({ type: 'access.granted', created_at: grant.grantedAt.toISOString(), user: { email: null } });
    expect(granted).not.toHaveProperty('reason');
    expect(granted.id).not.toBe(revoked.id);
  });

  it('when a revocation is retried, then both attempts carry the same event id', async () => {
    await webhook().revoke(view());
    await createWebhookRevoker({ url: `${base}/x`, secret: SECRET }).revoke(view());
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

/** A user group behind nock: `members` is what Slack holds; each call is recorded. */
function slackGroup(initial: string[], fail?: { method: string; error: string }) {
  const state = { members: [...initial], disabled: false, calls: [] as { method: string; args: Any }[] };
  nock('https://slack.com').persist().post(/^\/api\/usergroups\./).reply((uri, body) => {
    const method = uri.replace('/api/', '');
    const args = Object.fromEntries(new URLSearchParams(String(body)));
    state.calls.push({ method, args });
    if (fail?.method === method) return [200, { ok: false, error: fail.error }];
    if (method === 'usergroups.users.update') state.members = String(args.users).split(',');
    if (method === 'usergroups.disable') state.disabled = true;
    return [200, { ok: true, users: state.members }];
  });
  return state;
}
const client = () => new WebClient('xoxb-test', { retryConfig: { retries: 0 } });
const usergroupRevoker = () => createUsergroupRevoker({ client: client(), usergroup: GROUP });
const updates = (state: { calls: { method: string }[] }) => state.calls.filter((call) => call.method !== 'usergroups.users.list');

describe('user-group revoker', () => {
  it('when access is granted, then the grantee joins and every other member stays', async () => {
    const group = slackGroup(['U0A', 'U0B']);
    await usergroupRevoker().grant(view());
    expect(group.members).toEqual(['U0A', 'U0B', 'U0REQ1']);
    expect(group.calls[0]).toMatchObject({ method: 'usergroups.users.list', args: { usergroup: GROUP, include_disabled: 'false' } });
  });

  it('when two grants run at once, then neither overwrites the other', async () => {
    const group = slackGroup(['U0A']);
    const revoker = usergroupRevoker();
    await Promise.all([revoker.grant(view()), revoker.grant({ ...view(), grant: { ...grant, userId: asUserId('U0REQ2') } })]);
    expect(group.members.sort()).toEqual(['U0A', 'U0REQ1', 'U0REQ2']);
  });

  it('when access is revoked, then only the grantee leaves and it resolves removed', async () => {
    const group = slackGroup(['U0A', 'U0REQ1', 'U0B']);
    expect(await usergroupRevoker().revoke(view())).toBe('removed');
    expect(group.members).toEqual(['U0A', 'U0B']);
  });

  it('when there is nothing to change, then no update is sent', async () => {
    const present = slackGroup(['U0REQ1']);
    await usergroupRevoker().grant(view());
    nock.cleanAll();
    const absent = slackGroup(['U0A']);
    expect(await usergroupRevoker().revoke(view())).toBe('removed');
    expect([...updates(present), ...updates(absent)]).toEqual([]);
  });

  it('when the last member leaves, then the group is disabled instead of emptied', async () => {
    const group = slackGroup(['U0REQ1']);
    expect(await usergroupRevoker().revoke(view())).toBe('removed');
    expect(updates(group)).toEqual([{ method: 'usergroups.disable', args: expect.objectContaining({ usergroup: GROUP }) }]);
  });

  it('when Slack refuses the change, then it throws so the job retries', async () => {
    slackGroup(['U0A', 'U0REQ1'], { method: 'usergroups.users.update', error: 'permission_denied' });
    await expect(usergroupRevoker().revoke(view())).rejects.toThrow(/permission_denied/);
  });
});

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
    expect(JSON.stringify(posts[0].blocks)).toContain('Released early by <@U0REQ1>');
    expect(records.map((ref) => ref.channel).sort()).toEqual(['D0OWNER1', 'D0OWNER2', 'D0OWNER3']);
    expect(records.every((ref) => ref.requestId === 1042 && /^1741082400\./.test(ref.ts))).toBe(true);
  });

  it('when the system has an approval channel, then the task goes there only', async () => {
    const posts = slackChat();
    const records: TaskRef[] = [];
    await manual(records).revoke(view(cms));
    expect(posts.map((post) => post.channel)).toEqual(['C0CMSAPPROVALS']);
    expect(records).toEqual([{ channel: 'C0CMSAPPROVALS', ts: '1741082400.000101', requestId: 1042 }]);
  });

  it('when no owner is left to ask, then the coordinators get the task', async () => {
    const posts = slackChat();
    await manual([]).revoke({ ...view(), system: { ...billing, owners: ['S0EMPTY'] } });
    expect(posts.map((post) => post.channel)).toEqual(['U0COORD1']);
  });

  it('when no card can be posted, then it throws so the job retries', async () => {
    nock('https://slack.com').persist().post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    await expect(manual([]).revoke(view())).rejects.toThrow(/removal task for billing/);
  });

  it('when access is granted, then nothing is sent', async () => {
    const posts = slackChat();
    await manual([]).grant(view());
    expect(posts).toEqual([]);
  });
});

describe('deprovision task card', () => {
  const long = { ...billing, name: 'B'.repeat(75) };
  const extreme: GrantView = { ...view(), system: long, role: { ...billing.roles[1]!, name: 'R'.repeat(75) }, email: `${'<!channel>'.repeat(300)}@x.io` };

  it('when open, then it carries the Done button for the request, within Block Kit limits', () => {
    const { blocks } = buildDeprovisionTask(extreme, 'open');
    expect(blockKitViolations('message', blocks)).toEqual([]);
    const actions: Any = blocks.at(-1);
    expect(actions.elements[0]).toMatchObject({ action_id: ACTION.deprovisioned, value: '1042', text: { text: 'Done, removed' } });
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
  });

  it('when done, then it says who confirmed and when, with no button', () => {
    const { blocks } = buildDeprovisionTask(extreme, { doneBy: 'U0OWNER1', at: REVOKED_AT });
    expect(blockKitViolations('message', blocks)).toEqual([]);
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain(':white_check_mark: Removed, confirmed by <@U0OWNER1> <!date^1741082400^');
  });

  it.each([
    ['expired', 'The access expired'],
    ['revoked_by_owner', 'Revoked by an owner'],
    ['leaver', '<@U0REQ1> left the organisation.'],
  ] as const)('when the reason is %s, then the card says so', (reason, words) => {
    const { blocks } = buildDeprovisionTask({ ...view(), grant: { ...grant, revokeReason: reason } }, 'open');
    expect(JSON.stringify(blocks)).toContain(words);
  });
});

describe('choosing revokers', () => {
  const yaml = TEST_CATALOG_YAML.replace(
    'collection: [sso_group, delegated_account]',
    'collection: [sso_group, delegated_account]\n    revoker: { type: webhook, url: "http://127.0.0.1:9/x", secret_env: LATCHKEY_WEBHOOK_SECRET }',
  ).replace('collection: [admin_invite]', `collection: [admin_invite]\n    revoker: { type: slack_usergroup, usergroup: ${GROUP} }`);
  const configured = testCatalog(yaml);
  const options = (secrets: Record<string, string | undefined>) => ({ client: client(), catalog: configured, directory, record: async () => {}, secrets });

  it('when a webhook secret is unset, then start-up fails naming the system and the variable', () => {
    expect(checkRevokerSecrets(configured, { LATCHKEY_WEBHOOK_SECRET: '' })).toEqual(['systems billing: revoker secret LATCHKEY_WEBHOOK_SECRET is not set']);
    expect(() => createRevokers(options({}))).toThrow('systems billing: revoker secret LATCHKEY_WEBHOOK_SECRET is not set');
  });

  it('when every secret is set, then each system gets its type of revoker, built once', async () => {
    const revokers = createRevokers(options({ LATCHKEY_WEBHOOK_SECRET: SECRET }));
    const [bill, site] = configured.systems as [System, System];
    expect(revokers(bill)).toBe(revokers({ ...bill }));
    const group = slackGroup(['U0A', 'U0REQ1']);
    await revokers(site).revoke(view(site));
    expect(group.members).toEqual(['U0A']);
    expect(checkRevokerSecrets(catalog, {})).toEqual([]);
  });
});
