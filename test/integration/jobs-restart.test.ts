/**
 * Contract: jobs live in the database, not the process. A job due while the bot is down
 * runs once when it comes back, even with two processes racing for it; reconciliation
 * re-creates a lost job and ends access that outlived its expiry.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { reconcile } from '../../src/operations/reconcile.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, requestSubmission } from '../helpers/payloads.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let h: Harness;
let catalog: ReturnType<typeof testCatalog>;
const env = { HOOK_SECRET: 'webhook-secret-for-tests-3b7e0c5d9a1f4e2b' };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  catalog = testCatalog(
    TEST_CATALOG_YAML.replace('    owners: [U0OWNER1, U0OWNER2]\n', `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`),
  );
  h = await startHarness({ catalog, env });
});
beforeEach(async () => {
  await h.reset();
  receiver.received.length = 0;
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

async function approvedViewer() {
  await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices' }));
  await h.settled();
  await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
  await h.settled();
}

const revokedEvents = () => receiver.received.filter((r) => r.json.type === 'access.revoked');
const grantStatus = async () => (await h.db.pool.query('select status from grants where request_id = 1001')).rows[0]?.status;

it('when a grant\'s expiry notice job was lost, then reconciliation schedules it again, once', async () => {
  await approvedViewer();
  await h.db.pool.query("delete from agenda_jobs where name = 'grant-expiry-notice'");

  expect(await reconcile(h.latchkey.deps)).toMatchObject({ rescheduled: 1, expired: 0 });
  expect(await reconcile(h.latchkey.deps)).toMatchObject({ rescheduled: 0, expired: 0 });
  const { rows } = await h.db.pool.query("select count(*)::int as n from agenda_jobs where name = 'grant-expiry-notice' and next_run_at is not null");
  expect(rows[0].n).toBe(1);
});

it('when a waiting step\'s reminder jobs were lost, then reconciliation schedules them again, once', async () => {
  await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices' }));
  await h.settled();
  await h.db.pool.query("delete from agenda_jobs where name in ('remind-step', 'escalate-step')");

  expect(await reconcile(h.latchkey.deps)).toMatchObject({ nudges: 1 });
  expect(await reconcile(h.latchkey.deps)).toMatchObject({ nudges: 0 });
  const { rows } = await h.db.pool.query("select name from agenda_jobs where name in ('remind-step', 'escalate-step') order by name");
  expect(rows.map((r) => r.name)).toEqual(['escalate-step', 'remind-step']);
});

it('when a grant outlived its expiry, then reconciliation revokes it', async () => {
  await approvedViewer();
  await h.db.pool.query("update grants set expires_at = now() - interval '1 minute'");

  expect(await reconcile(h.latchkey.deps)).toMatchObject({ expired: 1 });
  await h.effectsDone();
  expect(await grantStatus()).toBe('ended');
  expect(revokedEvents()).toHaveLength(1);
});

// Last: the first process stays stopped afterwards.
it('when the expiry came due while the bot was down, then the next processes revoke it exactly once', async () => {
  await approvedViewer();
  await h.latchkey.stop();
  await h.db.pool.query("update grants set expires_at = now() - interval '1 minute'");
  await h.db.pool.query("update agenda_jobs set next_run_at = now() - interval '1 second' where name = 'expire-due-grants'");

  const second = await startHarness({ shared: h, catalog, env });
  const third = await startHarness({ shared: h, catalog, env });
  try {
    await expect.poll(grantStatus, { timeout: 10_000 }).toBe('ended');
    await new Promise((done) => setTimeout(done, 500));
    expect(revokedEvents()).toHaveLength(1);
  } finally {
    await second.close();
    await third.close();
  }
});
