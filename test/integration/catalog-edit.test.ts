/**
 * Contract: a grant ends even after the catalog changed under it. A system removed from
 * the catalog still ends through the revoker it was granted with (the grant kept its terms
 * and the grantee's email); when even that revoker can no longer be built, the removal
 * becomes a manual task for security, and the owners are told why.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, requestSubmission } from '../helpers/payloads.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'catalog-edit-secret-0123456789abcdef';
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let h: Harness;
/** The first harness owns the database and the fake Slack; later ones share them. */
let owner: Harness;
const withWebhook = () =>
  TEST_CATALOG_YAML.replace('    owners: [U0OWNER1, U0OWNER2]\n', `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`);
/** The same catalog with billing taken out. */
const withoutBilling = () => TEST_CATALOG_YAML.replace(/  - id: billing[\s\S]*?(?=  - id: cms)/, '');

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  owner = h = await startHarness({ catalog: testCatalog(withWebhook()), env: { HOOK_SECRET: SECRET } });
});
beforeEach(async () => {
  await h.reset();
  receiver.received.length = 0;
  await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices' }));
  await h.settled();
  await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
  await h.settled();
  await h.effectsDone();
});
afterAll(async () => {
  await h.close();
  if (h !== owner) await owner.close();
  await receiver.close();
});

const grantStatus = async () => (await h.db.pool.query('select status from grants where request_id = 1001')).rows[0]?.status;

it('when billing was removed from the catalog, then its grant still ends through the stored webhook', async () => {
  const edited = await startHarness({ shared: h, catalog: testCatalog(withoutBilling()), env: { HOOK_SECRET: SECRET } });
  try {
    await h.latchkey.stop();
    await edited.expireGrants();
    expect(await grantStatus()).toBe('ended');
    expect(receiver.received.map((r) => r.json.type)).toEqual(['access.granted', 'access.revoked']);
    expect(receiver.received[1]!.json).toMatchObject({ system: 'billing', role: 'viewer', user: { slack_id: 'U0REQ1' } });
  } finally {
    await edited.close();
    h = await startHarness({ shared: owner, catalog: testCatalog(withWebhook()), env: { HOOK_SECRET: SECRET } });
  }
});

it('when its revoker cannot be built any more, then security gets the removal task and the owners are told', async () => {
  const edited = await startHarness({ shared: h, catalog: testCatalog(withoutBilling()), env: {} });
  try {
    await h.latchkey.stop();
    await edited.expireGrants();
    expect(await grantStatus()).toBe('ending');
    const task = h.slack.called('chat.postMessage').filter((p) => p.channel === 'C0SECALERT').map((p) => p.text);
    expect(task.some((text) => text.includes('Remove <@U0REQ1> from Billing (Stripe)'))).toBe(true);
    expect(h.slack.called('chat.postMessage').some((p) => p.channel === 'U0OWNER1' && p.text.includes('must be removed by hand'))).toBe(true);

    await edited.interact({ ...cardClick('U0SEC1', ACTION.deprovisioned, 1001), actions: [{ type: 'button', action_id: ACTION.deprovisioned, value: '1001' }] });
    await edited.settled();
    expect(await grantStatus()).toBe('ended');
  } finally {
    await edited.close();
    h = await startHarness({ shared: owner, catalog: testCatalog(withWebhook()), env: { HOOK_SECRET: SECRET } });
  }
});
