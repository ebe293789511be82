/**
 * Contract: a change is written only over the version it was computed from, together with
 * its audit event; a stale write changes nothing and audits nothing; the audit log is
 * append-only.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { applyDecision, newRequest, routeStep } from '../../src/domain/lifecycle.js';
import { evaluatePolicy } from '../../src/domain/policy.js';
import { asUserId } from '../../src/domain/types.js';
import { createRequestStore } from '../../src/store/request-store.js';
import { testCatalog } from '../fixtures/catalog.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
beforeEach(() => db.reset());
afterAll(() => db.close());

const system = testCatalog().systems[0]!;
const role = system.roles[1]!;
const now = new Date('2026-11-23T10:00:00Z');
const input = { requesterId: asUserId('U0REQ1'), systemId: system.id, roleId: role.id, durationMinutes: 60, purpose: 'Refund' };
const audit = { actor: asUserId('U0OWNER1'), action: 'step.approved', surface: 'button' } as const;

async function routedRequest() {
  const store = createRequestStore(db.pool);
  const created = await store.createRequest(newRequest(input, role, evaluatePolicy({ system, role, durationMinutes: 60, purpose: input.purpose }), now), { ...audit, action: 'request.submitted' }, () => []);
  const routed = routeStep(created, [asUserId('U0OWNER1'), asUserId('U0OWNER2')], false, now);
  expect(await store.updateRequest(created, routed, { ...audit, action: 'step.routed' })).toBe(true);
  return { store, routed };
}

it('when two decisions are computed from the same version, then only the first is written and audited', async () => {
  const { store, routed } = await routedRequest();
  const first = applyDecision(routed, { actor: asUserId('U0OWNER1'), stepIndex: 0, outcome: 'approved' }, now);
  const second = applyDecision(routed, { actor: asUserId('U0OWNER2'), stepIndex: 0, outcome: 'denied', reason: 'no' }, now);

  const results = await Promise.all([store.updateRequest(routed, first, audit), store.updateRequest(routed, second, audit)]);

  expect(results.sort()).toEqual([false, true]);
  const { rows } = await db.pool.query("select count(*)::int as n from audit_events where action = 'step.approved'");
  expect(rows[0].n).toBe(1);
});

it('when a request is stored and read back, then it is the same request', async () => {
  const { store, routed } = await routedRequest();
  const decided = applyDecision(routed, { actor: asUserId('U0OWNER1'), stepIndex: 0, outcome: 'approved' }, now);
  await store.updateRequest(routed, decided, audit);

  expect(await store.getRequest(decided.id)).toEqual(decided);
});

it('when the audit log is edited, then the database refuses', async () => {
  await routedRequest();
  await expect(db.pool.query("update audit_events set actor = 'someone'")).rejects.toThrow('append-only');
  await expect(db.pool.query('delete from audit_events')).rejects.toThrow('append-only');
});

it('when a change is audited, then before and after are recorded with who, what, when and where', async () => {
  await routedRequest();
  const { rows } = await db.pool.query("select actor, action, surface, at, before->>'status' as before, after->>'version' as version from audit_events where action = 'step.routed'");
  expect(rows).toEqual([{ actor: 'U0OWNER1', action: 'step.routed', surface: 'button', at: now, before: 'pending', version: '2' }]);
});
