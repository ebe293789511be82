/**
 * Contract: an approve click is recorded before Slack is answered and decided right after.
 * A double click records one click and makes one decision; a recorded click that finds the
 * step already decided (its process died, and another approver came first) changes nothing,
 * and its clicker is told by DM, the one place any process can reach them.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { effectKey, type Effect } from '../../src/domain/effects.js';
import { asRequestId, asUserId } from '../../src/domain/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, requestSubmission } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const count = async (sql: string) => (await h.db.pool.query<{ n: number }>(sql)).rows[0]!.n;
const decisions = () => count("select count(*)::int as n from audit_events where action in ('step.approved', 'step.denied')");
const recordedClicks = () => count("select count(*)::int as n from effects where kind = 'approve_step'");

async function submitted(): Promise<number> {
  await h.interactAndWait(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 60, purpose: 'Check INV-204' }));
  h.slack.reset();
  return (await h.db.pool.query<{ version: number }>('select version from requests where id = 1001')).rows[0]!.version;
}

it('when an owner double-clicks Approve, then one click is recorded and one decision made', async () => {
  await submitted();

  await Promise.all([h.interact(cardClick('U0OWNER1', ACTION.approve, 1001)), h.interact(cardClick('U0OWNER1', ACTION.approve, 1001))]);
  await h.settled();
  await h.effectsDone();

  expect(await recordedClicks()).toBe(1);
  expect(await decisions()).toBe(1);
});

it('when the process has nothing else in hand, then Slack is answered once the approval is decided', async () => {
  await submitted();

  const res = await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));

  expect(res.status).toBe(200);
  expect(await decisions()).toBe(1);
  await h.settled();
});

it('when a click recorded by a process that died finds the step decided, then nothing changes and the clicker hears why by DM', async () => {
  const version = await submitted();
  await h.interactAndWait(cardClick('U0OWNER1', ACTION.approve, 1001));
  const late: Effect = { kind: 'approve_step', requestId: asRequestId(1001), step: 0, actor: asUserId('U0OWNER2'), suggested: false, version };

  await h.db.pool.query(
    `insert into effects (key, kind, request_id, payload, due_at, created_at) values ($1, 'approve_step', 1001, $2, now() - interval '1 minute', now() - interval '1 minute')`,
    [effectKey(late), JSON.stringify(late)],
  );
  await h.effectsDone();

  expect(await decisions()).toBe(1);
  const dms = h.slack.called('chat.postMessage').filter((message) => message.channel === 'U0OWNER2').map((message) => String(message.text)).filter((text) => text.includes('did not go through'));
  expect(dms).toEqual(['Your approval did not go through: This step of AR-1001 was already approved by <@U0OWNER1>. Nothing was changed.']);
  expect(await count("select count(*)::int as n from effects where kind = 'approve_step' and status = 'done'")).toBe(2);
});
