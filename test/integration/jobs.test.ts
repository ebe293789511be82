/**
 * Contract: time-based work runs as scheduled jobs on the same database. Waiting steps are
 * reminded and escalated unless decided by then; approved access becomes a grant that ends
 * by itself through the system's revoker (manual task, signed webhook, Slack user group),
 * with retries and a loud failure; early release, an owner's revoke and a leaver all end
 * access through the same path, once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { verifyWebhook } from '../../src/revokers/webhook.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, messageEvent, requestSubmission, type RequestFields } from '../helpers/payloads.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'webhook-secret-for-tests';
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let h: Harness;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const yaml = TEST_CATALOG_YAML.replace(
    '    owners: [U0OWNER1, U0OWNER2]\n',
    `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`,
  ).replace('    owners: [S0CMSOWNERS]\n', '    owners: [S0CMSOWNERS]\n    revoker: { type: slack_usergroup, usergroup: S0CMSEDITORS }\n');
  h = await startHarness({ catalog: testCatalog(yaml), env: { HOOK_SECRET: SECRET } });
});
beforeEach(async () => {
  await h.reset();
  receiver.received.length = 0;
  receiver.answer(200);
  h.slack.groups.set('S0CMSEDITORS', ['U0SOMEONE']);
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const analyst: RequestFields = { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Campaign report' };
const editor: RequestFields = { system: 'cms', role: 'editor', minutes: 1440, purpose: 'Publish the launch page' };

async function approved(fields: RequestFields, owner = fields.system === 'cms' ? 'U0CMS1' : fields.system === 'ads' ? 'U0OWNER3' : 'U0OWNER1') {
  await h.interact(requestSubmission('U0REQ1', fields));
  await h.settled();
  await h.interact(cardClick(owner, ACTION.approve, 1001));
  await h.settled();
}

async function grant() {
  const { rows } = await h.db.pool.query('select status, revoke_reason, attempts from grants where request_id = 1001');
  return rows[0];
}

const postsTo = (channel: string) => h.slack.called('chat.postMessage').filter((p) => p.channel === channel);
const auditCount = async (action: string) =>
  (await h.db.pool.query('select count(*)::int as n from audit_events where action = $1', [action])).rows[0].n;

describe('reminders and escalation', () => {
  it('when a step is still waiting, then its approvers are reminded, and security and coordinators hear of the escalation', async () => {
    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.settled();

    await h.runJobs('remind-step');
    expect(postsTo('U0OWNER1').at(-1)?.text).toMatch(/^:alarm_clock: Reminder: \*AR-1001\* .* has waited \d+ min for your decision/);
    expect(postsTo('U0OWNER2').at(-1)?.text).toContain('Reminder');

    await h.runJobs('escalate-step');
    for (const who of ['U0SEC1', 'U0SEC2', 'U0COORD1']) expect(postsTo(who).at(-1)?.text).toContain('has waited');
  });

  it('when the step was decided before the reminder is due, then nobody is reminded', async () => {
    await approved(analyst);
    h.slack.reset();

    await h.runJobs('remind-step');
    await h.runJobs('escalate-step');

    expect(h.slack.called('chat.postMessage')).toEqual([]);
  });
});

describe('a manual revoker', () => {
  it('when access expires, then the owners get a removal task, and Done ends the grant once', async () => {
    await approved(analyst);
    expect(await grant()).toEqual({ status: 'active', revoke_reason: null, attempts: 0 });
    expect(postsTo('U0REQ1').some((p) => p.text.includes('is active until <!date^'))).toBe(true);

    await h.expireGrants();
    expect(await grant()).toMatchObject({ status: 'revoking', revoke_reason: 'expired' });
    expect(JSON.stringify(postsTo('U0OWNER3').at(-1)?.blocks)).toContain(ACTION.deprovisioned);

    await h.interact({ ...cardClick('U0OWNER3', ACTION.deprovisioned, 1001), actions: [{ type: 'button', action_id: ACTION.deprovisioned, value: '1001' }] });
    await h.settled();
    await h.interact({ ...cardClick('U0OWNER3', ACTION.deprovisioned, 1001), actions: [{ type: 'button', action_id: ACTION.deprovisioned, value: '1001' }] });
    await h.settled();

    expect(await grant()).toMatchObject({ status: 'revoked' });
    expect(await auditCount('grant.revoked')).toBe(1);
    expect(h.slack.replies().at(-1)).toContain('already removed');
    expect(postsTo('U0REQ1').at(-1)?.text).toContain('has ended');
  });
});

describe('a webhook revoker', () => {
  it('when access is granted and expires, then signed access.granted and access.revoked events arrive, once each', async () => {
    await approved(viewer);
    await h.expireGrants();
    await h.expireGrants();

    expect(receiver.received.map((r) => r.json.type)).toEqual(['access.granted', 'access.revoked']);
    for (const hook of receiver.received) {
      expect(verifyWebhook(SECRET, hook.headers, hook.body, Math.floor(Date.now() / 1000))).toBe(true);
      expect(hook.json).toMatchObject({ request_id: 'AR-1001', system: 'billing', role: 'viewer', user: { slack_id: 'U0REQ1' } });
    }
    expect(await grant()).toMatchObject({ status: 'revoked', revoke_reason: 'expired' });
    expect(await auditCount('grant.revoked')).toBe(1);
  });

  it('when the receiver keeps failing, then it is retried with backoff, marked failed, and security and the owners are alerted', async () => {
    await approved(viewer);
    receiver.answer(500);

    await h.expireGrants();
    await expect.poll(async () => (await grant()).status, { timeout: 10_000 }).toBe('revocation_failed');

    expect((await grant()).attempts).toBe(3);
    expect(receiver.received.filter((r) => r.json.type === 'access.revoked')).toHaveLength(3);
    await h.settled();
    expect(postsTo('C0SECALERT').at(-1)?.text).toContain('could not be removed after 3 attempts');
    expect(postsTo('U0OWNER1').at(-1)?.text).toContain('could not be removed');
  });
});

describe('a Slack user-group revoker', () => {
  it('when access is granted, then the user joins the group beside its members, and leaves it at expiry', async () => {
    await approved(editor);
    expect(h.slack.groups.get('S0CMSEDITORS')).toEqual(['U0SOMEONE', 'U0REQ1']);

    await h.expireGrants();

    expect(h.slack.groups.get('S0CMSEDITORS')).toEqual(['U0SOMEONE']);
    expect(await grant()).toMatchObject({ status: 'revoked' });
  });
});

describe('the expiry notice and an extension', () => {
  it('when access nears its end, then the grantee can ask for an extension that, once approved, takes over without a revocation', async () => {
    await approved(viewer);
    await h.runJobs('grant-expiry-notice');
    const notice = postsTo('U0REQ1').at(-1);
    expect(notice?.text).toContain('ends <!date^');
    expect(JSON.stringify(notice?.blocks)).toContain(ACTION.requestExtension);

    await h.interact({ ...cardClick('U0REQ1', ACTION.requestExtension, 1001), actions: [{ type: 'button', action_id: ACTION.requestExtension, value: '1001' }] });
    await h.settled();
    const modal = h.slack.called('views.open').at(-1)?.view;
    expect(JSON.parse(modal.private_metadata)).toEqual({ systemId: 'billing', roleId: 'viewer', extendsRequestId: 1001 });
    expect(JSON.stringify(modal.blocks)).toContain('Extension of AR-1001: Invoices for the close');

    const extension = requestSubmission('U0REQ1', { ...viewer, purpose: 'Extension of AR-1001: the close runs late' });
    extension.view.private_metadata = modal.private_metadata;
    expect((await h.interact(extension)).body).toBe('');
    await h.settled();
    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1002));
    await h.settled();

    const { rows } = await h.db.pool.query('select request_id, status, revoke_reason from grants order by request_id');
    expect(rows).toEqual([
      { request_id: 1001, status: 'revoked', revoke_reason: 'extended' },
      { request_id: 1002, status: 'active', revoke_reason: null },
    ]);
    expect(receiver.received.filter((r) => r.json.type === 'access.revoked')).toEqual([]);
  });
});

describe('ending early through the same path', () => {
  it('when the grantee releases it, then it is revoked and a later expiry changes nothing', async () => {
    await approved(viewer);

    await h.interact({ ...cardClick('U0REQ1', ACTION.releaseGrant, 1001), actions: [{ type: 'button', action_id: ACTION.releaseGrant, value: '1001' }] });
    await h.settled();
    await h.expireGrants();

    expect(await grant()).toMatchObject({ status: 'revoked', revoke_reason: 'released' });
    expect(receiver.received.filter((r) => r.json.type === 'access.revoked')).toHaveLength(1);
  });

  it('when someone else presses Release now, then nothing changes', async () => {
    await approved(viewer);
    await h.interact({ ...cardClick('U0REQ2', ACTION.releaseGrant, 1001), actions: [{ type: 'button', action_id: ACTION.releaseGrant, value: '1001' }] });
    await h.settled();
    expect(await grant()).toMatchObject({ status: 'active' });
  });

  it('when an owner revokes from the card, then it is revoked; a bystander cannot', async () => {
    await approved(viewer);
    const revoke = (user: string) => h.interact({ ...cardClick(user, ACTION.revokeGrant, 1001), actions: [{ type: 'button', action_id: ACTION.revokeGrant, value: '1001' }] });

    await revoke('U0REQ2');
    await h.settled();
    expect(await grant()).toMatchObject({ status: 'active' });

    await revoke('U0OWNER2');
    await h.settled();
    expect(await grant()).toMatchObject({ status: 'revoked', revoke_reason: 'revoked_by_owner' });
  });

  it('when the grantee is deactivated, then their grants are revoked, their open requests withdrawn, and owners and security told', async () => {
    await approved(viewer);
    await h.interact(requestSubmission('U0REQ1', analyst));
    await h.settled();

    await h.event({ ...messageEvent({}), event: { type: 'user_change', user: { id: 'U0REQ1', deleted: true }, event_ts: '1.2' } });
    await h.settled();

    expect(await grant()).toMatchObject({ status: 'revoked', revoke_reason: 'leaver' });
    const { rows } = await h.db.pool.query('select status from requests where id = 1002');
    expect(rows).toEqual([{ status: 'cancelled' }]);
    expect(postsTo('C0SECALERT').at(-1)?.text).toContain('was deactivated in Slack');
  });
});
