/**
 * Contract: the digest's read side counts one calendar day of the catalog's zone from the
 * audit log (submissions, outcomes, security reviews, refused credentials, revocations
 * started and finished, grants given after their needed-by date), lists the revocations
 * that need people, and measures each blocker's age as it stood at the day's end, also for
 * requests decided, blocked or closed since. Rows are seeded with plain SQL.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { asRequestId, asUserId, type AccessRequest, type Step } from '../../src/domain/types.js';
import { createDigestSource } from '../../src/store/digest-source.js';
import { readBlockerAges } from '../../src/store/digest-queries.js';
import { aRequest, OWNER1, SECURITY1 } from '../fixtures/requests.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
beforeEach(async () => {
  await db.reset();
});
afterAll(() => db.close());

// 2026-11-22 in Europe/Berlin (UTC+1): the day the digest of the 23rd measures.
const DAY_START = new Date('2026-11-21T23:00:00Z');
const DAY_END = new Date('2026-11-22T23:00:00Z');
const NOW = new Date('2026-11-23T08:00:00Z');
const t = (iso: string) => new Date(`2026-11-${iso}:00Z`);

const owner = (at?: Date, outcome: 'approved' | 'denied' = 'approved'): Step => ({
  kind: 'owner', approvers: [OWNER1], ...(at ? { decision: { by: OWNER1, outcome, at, ...(outcome === 'denied' ? { reason: 'no' } : {}) } } : {}),
});
const security = (at?: Date): Step => ({
  kind: 'security', approvers: [SECURITY1], ...(at ? { decision: { by: SECURITY1, outcome: 'approved', at } } : {}),
});

/**
 * Stores a request's history: each state is audited under its action at its `updatedAt`
 * (before and after, as the store does); the row holds the last state.
 */
async function history(id: number, createdAt: Date, changes: [string, Partial<AccessRequest>][] = [], neededBy?: string) {
  const first = aRequest({
    id: asRequestId(id), requesterId: asUserId(`U0R${id}`), createdAt, updatedAt: createdAt,
    steps: [owner(), security()], ...(neededBy ? { neededBy } : {}),
  });
  const states = [first, ...changes.map(([, change]) => ({ ...first, ...change }))];
  const last = states.at(-1)!;
  await db.pool.query(
    `insert into requests (id, requester_id, system_id, role_id, duration_minutes, purpose, needed_by, status, steps,
       current_step, draft, block_reason, version, created_at, updated_at)
     overriding system value values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [id, last.requesterId, last.systemId, last.roleId, last.durationMinutes, last.purpose, last.neededBy ?? null, last.status,
      JSON.stringify(last.steps), last.currentStep, JSON.stringify(last.draft), last.blockReason ?? null, states.length,
      last.createdAt, last.updatedAt],
  );
  const actions = ['request.submitted', ...changes.map(([action]) => action)];
  for (const [index, state] of states.entries()) {
    await event(actions[index]!, state.updatedAt, id, { before: states[index - 1] ?? null, after: state });
  }
}

async function event(action: string, at: Date, requestId: number | null, json: { before?: object | null; after?: object; details?: object } = {}) {
  const text = (value: object | null | undefined) => (value ? JSON.stringify(value) : null);
  await db.pool.query(
    `insert into audit_events (at, actor, action, surface, request_id, before, after, details)
     values ($1, 'latchkey', $2, 'system', $3, $4, $5, $6)`,
    [at, action, requestId, text(json.before), text(json.after), text(json.details)],
  );
}

async function grant(requestId: number, status: string, expiresAt: Date) {
  await db.pool.query(
    `insert into grants (request_id, user_id, system_id, role_id, collection, granted_at, expires_at, status, attempts, version)
     values ($1, 'U0REQ1', 'billing', 'viewer', 'sso_group', $2, $3, $4, 0, 1)`,
    [requestId, t('20T10:00'), expiresAt, status],
  );
}

/** Requests 1001–1007: waiting, decided, blocked and closed around the day's end. */
async function seedWaiting() {
  await history(1001, t('22T10:00')); // still pending: 13 h at the day's end
  // Owner at 20:00, security after midnight: it waited on security for 3 h at the day's end.
  await history(1002, DAY_START, [
    ['step.approved', { currentStep: 1, steps: [owner(t('22T20:00')), security()], updatedAt: t('22T20:00') }],
    ['step.approved', { currentStep: 2, status: 'approved', steps: [owner(t('22T20:00')), security(t('23T07:00'))], updatedAt: t('23T07:00') }],
  ]);
  // Pending for two days, blocked only this morning: 48 h, not 0.
  await history(1003, t('20T23:00'), [['request.blocked', { status: 'blocked', blockReason: 'unsafe_credential', updatedAt: t('23T06:00') }]]);
  await history(1004, t('22T08:00'), [['request.cancelled', { status: 'cancelled', updatedAt: t('22T12:00') }]]);
  await history(1005, t('23T06:00')); // submitted after the day
  await history(1006, t('22T09:00'), [['request.blocked', { status: 'blocked', blockReason: 'no_reachable_owner', updatedAt: t('22T21:00') }]]);
  // Approved in the day, then its grant audited under the same request id: closed.
  await history(1007, t('22T09:30'), [
    ['step.approved', { currentStep: 1, steps: [owner(t('22T09:40')), security()], updatedAt: t('22T09:40') }],
    ['step.approved', { currentStep: 2, status: 'approved', steps: [owner(t('22T09:40')), security(t('22T09:50'))], updatedAt: t('22T09:50') }],
  ]);
  await event('grant.activated', t('22T09:51'), 1007, { after: { requestId: 1007, status: 'active' } });
}

it('when requests were waiting at the day\'s end, then each is aged as it stood then', async () => {
  await seedWaiting();

  const ages = await readBlockerAges(db.pool, DAY_END);

  expect(ages.sort((a, b) => a - b)).toEqual([2 * 60, 3 * 60, 13 * 60, 48 * 60]);
});

it('when a day had submissions, outcomes, reviews, credentials and revocations, then each is counted once', async () => {
  await seedWaiting();
  await history(1008, t('21T12:00'), [['step.denied', { status: 'denied', currentStep: 1, steps: [owner(t('22T11:00'), 'denied'), security()], updatedAt: t('22T11:00') }]]);
  await history(1009, t('20T12:00'), [], '2026-11-22');
  await event('grant.activated', t('22T14:00'), 1009); // on its needed-by date: in time
  await history(1010, t('20T12:00'), [], '2026-11-21');
  // Granted 00:30 Berlin on the 22nd for the 21st: late, though still the 21st in UTC.
  await event('grant.activated', t('21T23:30'), 1010);
  await event('credential.refused', t('22T10:00'), null, { details: { fingerprint: 'a' } });
  await event('credential.refused', t('22T11:00'), null, { details: { fingerprint: 'b' } });
  await event('credential.refused', t('23T01:00'), null, { details: { fingerprint: 'c' } });
  await event('grant.ending', t('22T12:00'), 1009);
  await event('grant.ending', t('22T13:00'), 1010);
  await event('grant.ended', t('22T12:05'), 1009, { before: { status: 'ending' } });
  await event('grant.ended', t('23T00:05'), 1010, { before: { status: 'ending' } }); // after the day: done tomorrow
  // Ended before it was ever set up: nothing was due for removal.
  await event('grant.ended', t('22T15:00'), 1008, { before: { status: 'provisioning' } });

  const { measurements } = await createDigestSource(db.pool, 'Europe/Berlin').read(NOW, DAY_START, DAY_END);

  expect(measurements).toMatchObject({
    submitted: 5, // 1002 at the day's first instant, 1001, 1004, 1006, 1007
    completed: 4, // 1007, 1009 and 1010 granted, 1008 denied
    privilegedReviews: 1, // 1007's security step; owner steps are not privileged reviews
    unsafeCredentialAttempts: 2,
    revocationsDue: 2,
    revocationsDone: 1,
    grantedLate: 1,
  });
});

it('when grants failed to revoke or outlived their end, then only those need people', async () => {
  await history(1001, t('20T10:00'));
  await history(1002, t('20T10:00'));
  await history(1003, t('20T10:00'));
  await history(1004, t('20T10:00'));
  await history(1005, t('20T10:00'));
  await history(1006, t('20T10:00'));
  await grant(1001, 'revocation_failed', t('22T10:00'));
  await grant(1002, 'active', t('23T07:00'));
  await grant(1003, 'ending', t('23T07:59'));
  await grant(1004, 'active', t('24T10:00'));
  await grant(1005, 'ended', t('22T10:00'));
  await grant(1006, 'provisioning_failed', t('24T10:00'));

  const { grantsNeedingAttention } = await createDigestSource(db.pool, 'Europe/Berlin').read(NOW, DAY_START, DAY_END);

  expect(grantsNeedingAttention.map((g) => [g.requestId, g.status]).sort()).toEqual([
    [1001, 'revocation_failed'], [1002, 'active'], [1003, 'ending'], [1006, 'provisioning_failed'],
  ]);
});

it('when requests are pending or blocked, then they are the open ones, in id order', async () => {
  await seedWaiting();

  const { open } = await createDigestSource(db.pool, 'Europe/Berlin').read(NOW, DAY_START, DAY_END);

  expect(open.map((r) => [r.id, r.status])).toEqual([[1001, 'pending'], [1003, 'blocked'], [1005, 'pending'], [1006, 'blocked']]);
});
