/**
 * Contract: the digest lists what waits, oldest first, with whom it waits on and whether its
 * needed-by date is at risk; lists revocations that need people; turns a day's counts into
 * rates that are undefined, not zero, when nothing happened; and fits Slack's limits for
 * 10,000 open requests. Calendar days are the catalog zone's.
 */
import { describe, expect, it } from 'vitest';
import { buildDigestMessage } from '../../blocks/digest.js';
import { buildDigest, type DayMeasurements } from '../../src/domain/digest.js';
import { asRequestId, asUserId, type Grant } from '../../src/domain/types.js';
import { addDays, startOfDay } from '../../src/operations/time-zone.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest } from '../fixtures/requests.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

const now = new Date('2026-11-23T08:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const quiet: DayMeasurements = { submitted: 0, completed: 0, blockerAgesMinutes: [], privilegedReviews: 0, unsafeCredentialAttempts: 0, revocationsDue: 0, revocationsDone: 0, grantedLate: 0 };
const digestOf = (open = [aRequest()], grants: Grant[] = [], measurements = quiet) =>
  buildDigest({ now, today: '2026-11-23', open, grantsNeedingAttention: grants, measurements });

describe('buildDigest', () => {
  it('when requests wait, then they are sorted oldest first with their age and whom they wait on', () => {
    const digest = digestOf([
      aRequest({ id: asRequestId(1), createdAt: hoursAgo(2) }),
      aRequest({ id: asRequestId(2), createdAt: hoursAgo(50) }),
      aRequest({ id: asRequestId(3), status: 'blocked', blockReason: 'no_reachable_owner', updatedAt: hoursAgo(5) }),
    ]);
    expect(digest.blockers.map((line) => [line.request.id, line.ageMinutes])).toEqual([[2, 3000], [3, 300], [1, 120]]);
    expect(digest.blockers[0]?.waitingOn).toEqual({ kind: 'approvers', approvers: [asUserId('U0OWNER1'), asUserId('U0OWNER2')] });
    expect(digest.blockers[1]?.waitingOn).toEqual({ kind: 'hold', reason: 'no_reachable_owner' });
  });

  it.each([
    ['2026-11-22', true],
    ['2026-11-25', true],
    ['2026-11-26', false],
    [undefined, false],
  ])('when needed by %s, then at risk is %s', (neededBy, risk) => {
    expect(digestOf([aRequest(neededBy ? { neededBy } : {})]).blockers[0]?.neededByAtRisk).toBe(risk);
  });

  it('when nothing waits and no revocation needs people, then the digest is empty and rates are undefined', () => {
    const digest = digestOf([]);
    expect(digest.empty).toBe(true);
    expect(digest.stats.completionRate).toBeUndefined();
    expect(digest.stats.deprovisioningCompletion).toBeUndefined();
    const message = buildDigestMessage(digest, { catalog: testCatalog(), timezone: 'Europe/Berlin', date: '2026-11-23' });
    expect(message.text).toBe('Access blockers · 2026-11-23: nothing blocked.');
  });

  it('when the day had activity, then the rates and ages come from its counts', () => {
    const stats = digestOf([], [], { ...quiet, submitted: 4, completed: 3, blockerAgesMinutes: [10, 30, 600], revocationsDue: 2, revocationsDone: 1 }).stats;
    expect(stats).toMatchObject({ completionRate: 0.75, medianBlockerAgeMinutes: 30, oldestBlockerAgeMinutes: 600, deprovisioningCompletion: 0.5 });
  });

  it('when a revocation failed or a grant outlived its end, then it is listed', () => {
    const grant = (status: Grant['status'], expiresAt: Date): Grant => ({
      requestId: asRequestId(7), userId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'viewer', collection: 'sso_group',
      grantedAt: hoursAgo(48), expiresAt, status, attempts: 0, version: 1,
    });
    const digest = digestOf([], [grant('revocation_failed', hoursAgo(1)), grant('active', hoursAgo(-5))]);
    expect(digest.revocations.map((g) => g.status)).toEqual(['revocation_failed']);
    expect(digest.empty).toBe(false);
  });

  it('when 10,000 requests wait, then the message stays within Slack\'s limits', () => {
    const open = Array.from({ length: 10_000 }, (_, i) => aRequest({ id: asRequestId(i + 1) }));
    const message = buildDigestMessage(digestOf(open), { catalog: testCatalog(), timezone: 'Europe/Berlin', date: '2026-11-23' });
    expect(blockKitViolations('message', message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('…and 9980 more');
  });
});

describe('calendar days in the catalog zone', () => {
  it.each([
    ['2026-11-23', 'Europe/Berlin', '2026-11-22T23:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-11-23', 'America/New_York', '2026-11-23T05:00:00.000Z'],
    ['2026-11-23', 'Asia/Kolkata', '2026-11-22T18:30:00.000Z'],
  ])('when %s begins in %s, then it is %s', (day, tz, instant) => {
    expect(startOfDay(day, tz).toISOString()).toBe(instant);
  });

  it('when stepping back over a month end, then the day before is right', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
