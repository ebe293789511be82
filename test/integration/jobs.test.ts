/**
 * Contract: time-based work runs as scheduled jobs on the same database. Waiting steps are
 * reminded and escalated unless decided by then; approved access becomes a grant that is
 * provisioned and ends by itself through the system's revoker (manual tasks, signed webhook,
 * Slack user group), with retries and a loud failure; early release, a revoke by an owner or
 * security and a leaver all end access through the same path, once; ended access can be
 * asked for again; every message about the grant loses the buttons that no longer apply.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { verifyWebhook } from '../../src/revokers/webhook.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { comingUtc } from '../helpers/clock.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, messageEvent, requestSubmission, type RequestFields } from '../helpers/payloads.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'webhook-secret-for-tests-3b7e0c5d9a1f4e2b';
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

async function approved(fields: RequestFields, owner = fields.system === 'cms' ? 'U0CMS1' : fields.system === 'ads' ? 'U0OWNER3' : 'U0OWNER1', id = 1001) {
  await h.interact(requestSubmission('U0REQ1', fields));
  await h.settled();
  await h.interact(cardClick(owner, ACTION.approve, id));
  await h.settled();
  await h.effectsDone();
}

async function grant(id = 1001) {
  const { rows } = await h.db.pool.query('select status, end_reason, attempts from grants where request_id = $1', [id]);
  return rows[0];
}

const press = async (user: string, action: string, id = 1001) => {
  await h.interact({ ...cardClick(user, action, id), actions: [{ type: 'button', action_id: action, value: String(id) }] });
  await h.settled();
  await h.effectsDone();
};

const postsTo = (channel: string) => h.slack.called('chat.postMessage').filter((p) => p.channel === channel);
const auditCount = async (action: string) =>
  (await h.db.pool.query('select count(*)::int as n from audit_events where action = $1', [action])).rows[0].n;

describe('reminders and escalation', () => {
  it('when a step is still waiting, then its approvers are reminded, and security and coordinators hear of the escalation', async () => {
    h.clock.setTo(comingUtc(3, 9)); // a Wednesday morning in Berlin, the approvers' zone: within working hours
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
  it('when access is approved, then the owners get a provisioning task, and the grantee hears only once it is done', async () => {
    await approved(analyst);
    expect(await grant()).toEqual({ status: 'provisioning', end_reason: null, attempts: 0 });
    const task = postsTo('U0OWNER3').at(-1);
    expect(task?.text).toMatch(/^AR-1001: Give <@U0REQ1> .* · Analyst$/);
    expect(JSON.stringify(task?.blocks)).toContain(ACTION.provisioned);
    expect(postsTo('U0REQ1').some((p) => p.text.includes('is ready and active'))).toBe(false);
    // The requester's news message says who sets it up; its thread has the approval.
    expect(h.slack.called('chat.update').filter((u) => u.channel === 'D0REQ1').at(-1)?.text).toContain("The system's owners are setting it up; you'll hear here when it is ready.");
    expect(postsTo('D0REQ1').at(-1)).toMatchObject({ thread_ts: expect.any(String), text: ":white_check_mark: Approved by <@U0OWNER3>. The system's owners are setting it up." });

    await press('U0REQ2', ACTION.provisioned);
    expect(await grant()).toMatchObject({ status: 'provisioning' });
    await press('U0OWNER3', ACTION.provisioned);

    expect(await grant()).toMatchObject({ status: 'active' });
    expect(postsTo('U0REQ1').at(-1)?.text).toContain('is ready and active until <!date^');
    const closed = h.slack.called('chat.update').filter((u) => u.channel === 'D0OWNER3' && u.text.includes('Give')).at(-1);
    expect(JSON.stringify(closed?.blocks)).toContain('Closed. :key: Access active until');
  });

  it('when access expires, then the owners get a removal task, and Done ends the grant once', async () => {
    await approved(analyst);
    await press('U0OWNER3', ACTION.provisioned);

    await h.expireGrants();
    expect(await grant()).toMatchObject({ status: 'ending', end_reason: 'expired' });
    expect(JSON.stringify(postsTo('U0OWNER3').at(-1)?.blocks)).toContain(ACTION.deprovisioned);

    await press('U0OWNER3', ACTION.deprovisioned);
    await press('U0OWNER3', ACTION.deprovisioned);

    expect(await grant()).toMatchObject({ status: 'ended' });
    expect(await auditCount('grant.ended')).toBe(1);
    expect(h.slack.replies().at(-1)).toContain('already ended');
    expect(postsTo('U0REQ1').at(-1)?.text).toContain('has ended: it expired');
  });

  it('when a grant ends before its owners set it up, then it just ends, with no removal task', async () => {
    await approved(analyst);
    await press('U0REQ1', ACTION.releaseGrant);

    expect(await grant()).toMatchObject({ status: 'ended', end_reason: 'released' });
    expect(postsTo('U0OWNER3').filter((p) => p.text.includes('Remove'))).toEqual([]);
  });
});

describe('a webhook revoker', () => {
  it('when access is granted and expires, then signed access.granted and access.revoked events arrive, once each', async () => {
    await approved(viewer);
    expect(await grant()).toMatchObject({ status: 'active' });
    await h.expireGrants();
    await h.expireGrants();

    expect(receiver.received.map((r) => r.json.type)).toEqual(['access.granted', 'access.revoked']);
    for (const hook of receiver.received) {
      expect(verifyWebhook(SECRET, hook.headers, hook.body, Math.floor(Date.now() / 1000))).toBe(true);
      expect(hook.json).toMatchObject({ request_id: 'AR-1001', system: 'billing', role: 'viewer', user: { slack_id: 'U0REQ1' } });
    }
    expect(await grant()).toMatchObject({ status: 'ended', end_reason: 'expired' });
    expect(await auditCount('grant.ended')).toBe(1);
  });

  it('when the receiver keeps failing, then it is retried with backoff, marked failed, and security and the owners are alerted', async () => {
    await approved(viewer);
    receiver.answer(500);

    await h.expireGrants();
    await expect.poll(async () => (await grant()).status, { timeout: 10_000 }).toBe('revocation_failed');

    expect((await grant()).attempts).toBe(3);
    expect(receiver.received.filter((r) => r.json.type === 'access.revoked')).toHaveLength(3);
    await h.effectsDone();
    const alert = postsTo('C0SECALERT').at(-1);
    expect(alert?.text).toContain('could not be removed after 3 attempts');
    expect(JSON.stringify(alert?.blocks)).toContain(ACTION.retryGrant);
    expect(postsTo('U0OWNER1').at(-1)?.text).toContain('could not be removed');

    receiver.answer(200);
    await press('U0SEC1', ACTION.retryGrant);
    expect(await grant()).toMatchObject({ status: 'ended' });
    const resolved = h.slack.called('chat.update').filter((u) => u.channel === 'C0SECALERT').at(-1);
    expect(JSON.stringify(resolved?.blocks)).toContain('Access ended');
    expect(JSON.stringify(resolved?.blocks)).not.toContain(ACTION.retryGrant);
  });

  it('when the receiver fails while granting, then it is retried and marked provisioning_failed, and Done, granted settles it', async () => {
    receiver.answer(500);
    await approved(viewer);
    await expect.poll(async () => (await grant()).status, { timeout: 10_000 }).toBe('provisioning_failed');
    await h.effectsDone();
    expect(postsTo('C0SECALERT').at(-1)?.text).toContain('could not be set up after 3 attempts');

    await press('U0OWNER1', ACTION.provisioned);
    expect(await grant()).toMatchObject({ status: 'active' });
  });
});

describe('a Slack user-group revoker', () => {
  it('when access is granted, then the user joins the group beside its members, and leaves it at expiry', async () => {
    await approved(editor);
    expect(h.slack.groups.get('S0CMSEDITORS')).toEqual(['U0SOMEONE', 'U0REQ1']);

    await h.expireGrants();

    expect(h.slack.groups.get('S0CMSEDITORS')).toEqual(['U0SOMEONE']);
    expect(await grant()).toMatchObject({ status: 'ended' });
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
    await h.effectsDone();

    const { rows } = await h.db.pool.query('select request_id, status, end_reason, expires_at from grants order by request_id');
    expect(rows.map(({ expires_at: _end, ...row }) => row)).toEqual([
      { request_id: 1001, status: 'ended', end_reason: 'extended' },
      { request_id: 1002, status: 'active', end_reason: null },
    ]);
    // The new grant starts where the old one ended: no gap, no overlap.
    expect(rows[1].expires_at.getTime() - rows[0].expires_at.getTime()).toBe(viewer.minutes * 60_000);
    expect(receiver.received.map((r) => r.json.type)).toEqual(['access.granted', 'access.extended']);
    // The old notice's Release and Extend buttons are gone.
    const granteeMessages = h.slack.called('chat.update').filter((u) => u.channel === 'D0REQ1' && u.text.startsWith('Your '));
    expect(granteeMessages).toHaveLength(2); // "ready and active", and the notice
    for (const message of granteeMessages) expect(JSON.stringify(message.blocks)).not.toContain(ACTION.releaseGrant);
  });

  it('when an extension asks for another role, then it is refused on the field', async () => {
    await approved(viewer);
    const extension = requestSubmission('U0REQ1', { ...viewer, role: 'admin', minutes: 60, purpose: 'More' });
    extension.view.private_metadata = JSON.stringify({ systemId: 'billing', roleId: 'admin', extendsRequestId: 1001 });
    const res = await h.interact(extension);
    expect(JSON.stringify(res.json())).toContain('same system and role');
  });

  it('when a grant has ended, then the same role can be asked for again, and an old extension button is refused', async () => {
    await approved(viewer);
    await press('U0REQ1', ACTION.releaseGrant);
    await press('U0REQ1', ACTION.requestExtension);
    expect(h.slack.replies().at(-1)).toContain('already ended');

    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.settled();
    const { rows } = await h.db.pool.query('select id, status from requests order by id');
    expect(rows).toEqual([{ id: 1001, status: 'approved' }, { id: 1002, status: 'pending' }]);
  });

  it('when the same role is still held, then asking again is refused', async () => {
    await approved(viewer);
    const res = await h.interact(requestSubmission('U0REQ1', viewer));
    expect(JSON.stringify(res.json())).toContain('You already have this access (AR-1001)');
  });
});

describe('ending early through the same path', () => {
  it('when the grantee releases it, then it is revoked and a later expiry changes nothing', async () => {
    await approved(viewer);

    await press('U0REQ1', ACTION.releaseGrant);
    await h.expireGrants();

    expect(await grant()).toMatchObject({ status: 'ended', end_reason: 'released' });
    expect(receiver.received.filter((r) => r.json.type === 'access.revoked')).toHaveLength(1);
    const card = h.slack.called('chat.update').filter((u) => u.channel === 'D0OWNER1').at(-1);
    expect(JSON.stringify(card?.blocks)).toContain('Access ended');
    expect(JSON.stringify(card?.blocks)).not.toContain(ACTION.revokeGrant);
  });

  it('when someone else presses Release now, then nothing changes', async () => {
    await approved(viewer);
    await press('U0REQ2', ACTION.releaseGrant);
    expect(await grant()).toMatchObject({ status: 'active' });
    expect(h.slack.replies().at(-1)).toContain('Only the person who holds the access of AR-1001');
  });

  it.each(['U0OWNER2', 'U0SEC1'])('when %s revokes from the card, then it ends; a bystander cannot', async (revoker) => {
    await approved(viewer);
    await press('U0REQ2', ACTION.revokeGrant);
    expect(await grant()).toMatchObject({ status: 'active' });
    expect(h.slack.replies().at(-1)).toContain('Only the system\'s owners and security reviewers');

    await press(revoker, ACTION.revokeGrant);
    expect(await grant()).toMatchObject({ status: 'ended', end_reason: 'revoked' });
    expect(receiver.received.at(-1)?.json).toMatchObject({ type: 'access.revoked', reason: 'revoked' });
  });

  it('when the grantee is deactivated, then their grants are revoked, their open requests withdrawn, and owners and security told', async () => {
    await approved(viewer);
    await h.interact(requestSubmission('U0REQ1', analyst));
    await h.settled();

    await h.event({ ...messageEvent({}), event: { type: 'user_change', user: { id: 'U0REQ1', deleted: true }, event_ts: '1.2' } });
    await h.settled();
    await h.effectsDone();

    expect(await grant()).toMatchObject({ status: 'ended', end_reason: 'leaver' });
    const { rows } = await h.db.pool.query('select status from requests where id = 1002');
    expect(rows).toEqual([{ status: 'cancelled' }]);
    expect(postsTo('C0SECALERT').at(-1)?.text).toContain('was deactivated in Slack');
  });
});
