/**
 * Contract: a Home stays inside Slack's limits (100 blocks, text lengths, unique block ids)
 * for a person who is every persona at once with 200 of everything, says how many more
 * there are, and its buttons carry the cards' action ids and values. Republishing is
 * debounced per person: a burst of changes costs one publish, an open publishes at once.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildHomeView } from '../../blocks/home.js';
import { ACTION } from '../../blocks/ids.js';
import type { HomeData, Page, WaitLine } from '../../src/domain/home.js';
import { HOME_LIMITS } from '../../src/domain/home.js';
import { reopenForRouting } from '../../src/domain/route-again.js';
import { asRequestId, asUserId, type Grant } from '../../src/domain/types.js';
import { waitLine } from '../../src/operations/build-home.js';
import { createHomePublisher } from '../../src/slack/home-publisher.js';
import { createLogger } from '../../src/logging.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest, CREATED_AT, REQUESTER } from '../fixtures/requests.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

const catalog = testCatalog();
const NOW = new Date('2025-03-04T09:00:00.000Z');
const LONG = 'x'.repeat(2500);

function page<T>(make: (index: number) => T, total: number, limit: number): Page<T> {
  return { items: Array.from({ length: Math.min(total, limit) }, (_, index) => make(index)), total };
}

const line = (index: number, status: 'pending' | 'blocked' = 'pending'): WaitLine =>
  waitLine(aRequest({ id: asRequestId(1000 + index), status, purpose: LONG, ...(status === 'blocked' ? { blockReason: 'no_reachable_owner' } : {}), draft: { ...aRequest().draft, roleId: 'viewer' } }), NOW, '2025-03-04');

const grant = (index: number, status: Grant['status'] = 'active'): Grant => ({
  requestId: asRequestId(2000 + index), userId: REQUESTER, systemId: 'billing', roleId: 'admin', collection: 'sso_group',
  grantedAt: CREATED_AT, expiresAt: NOW, status, attempts: 6, version: 1,
});

/** Someone who asked 200 times, holds 200 grants, and is an approver, coordinator and security reviewer with 200 of each. */
function everything(total = 200): HomeData {
  return {
    userId: REQUESTER,
    requester: {
      open: page((i) => line(i), total, HOME_LIMITS.open),
      live: page((i) => grant(i), total, HOME_LIMITS.live),
      ended: Array.from({ length: HOME_LIMITS.ended }, (_, i) => ({
        request: aRequest({ id: asRequestId(3000 + i), status: 'denied', steps: [{ kind: 'owner', approvers: [], decision: { by: asUserId('U0OWNER1'), outcome: 'denied', at: NOW, reason: LONG } }] }),
      })),
    },
    approver: page((i) => line(i), total, HOME_LIMITS.waiting),
    away: {},
    coordinator: {
      blocked: page((i) => line(i, 'blocked'), total, HOME_LIMITS.blocked),
      longestWaits: page((i) => line(i), total, HOME_LIMITS.longestWaits),
      yesterday: { submitted: 3, completed: 2, privilegedReviews: 1, unsafeCredentialAttempts: 0, revocationsDue: 0, revocationsDone: 0, grantedLate: 0 },
      yesterdayDate: '2025-03-03',
    },
    security: {
      privileged: page((i) => grant(i), total, HOME_LIMITS.privileged),
      failed: page((i) => grant(i, i % 2 ? 'revocation_failed' : 'provisioning_failed'), total, HOME_LIMITS.failed),
      attempts: Array.from({ length: HOME_LIMITS.attempts }, (_, i) => ({ at: NOW, poster: REQUESTER, kind: 'github_pat', surface: 'message', channel: `C0${i}` })),
    },
  };
}

describe('the Home view', () => {
  it('when a person is every persona with 200 requests, grants and waits, then it is within Block Kit limits and says how many more', () => {
    const view = buildHomeView(everything(), catalog);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitViolations('home', view.blocks)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain('190 more — `/access list`');
    expect(text).toContain('195 more — `/access list`');
  });

  it('when the lists are short, then no "more" line is shown and empty lists say so', () => {
    const data = everything(0);
    const text = JSON.stringify(buildHomeView({ ...data, requester: { ...data.requester, ended: [] } }, catalog));
    expect(text).not.toContain(' more — ');
    expect(text).toContain('Nothing waiting.');
    expect(text).toContain('Nothing blocked.');
    expect(text).toContain('No privileged access is active.');
  });

  it('when a request waits on the person, then its buttons carry the cards\' action ids and `request:step` values', () => {
    const view = buildHomeView(everything(1), catalog);
    const elements = view.blocks.flatMap((block: any) => block.elements ?? []);
    const decide = elements.filter((element: any) => [ACTION.approve, ACTION.approveSuggested, ACTION.deny].includes(element.action_id));
    expect(decide.map((element: any) => [element.action_id, element.value])).toEqual([
      [ACTION.approve, '1000:0'],
      [ACTION.approveSuggested, '1000:0'],
      [ACTION.deny, '1000:0'],
    ]);
  });

  it('when a purpose holds mentions and mrkdwn, then they are escaped, not acted on', () => {
    const data = everything(1);
    data.approver!.items[0]!.request.purpose = '<!channel> please';
    expect(JSON.stringify(buildHomeView(data, catalog))).toContain('&lt;!channel&gt; please');
  });
});

describe('routing again', () => {
  it('when a request was blocked by routing, then it reopens pending with the step\'s approvers cleared; a credential hold cannot', () => {
    const blocked = aRequest({ status: 'blocked', blockReason: 'no_reachable_owner', steps: [{ kind: 'owner', approvers: [], requesterExcluded: true }, { kind: 'security', approvers: [] }] });
    const reopened = reopenForRouting(blocked, NOW);
    expect(reopened).toMatchObject({ status: 'pending', version: 2, updatedAt: NOW });
    expect(reopened.blockReason).toBeUndefined();
    expect(reopened.steps[0]).toEqual({ kind: 'owner', approvers: [] });
    expect(() => reopenForRouting({ ...blocked, blockReason: 'unsafe_credential' }, NOW)).toThrow('NOT_BLOCKED');
    expect(() => reopenForRouting(aRequest(), NOW)).toThrow('NOT_BLOCKED');
  });
});

describe('the Home publisher', () => {
  const log = createLogger('silent');
  const publisher = (debounceMs = 1000) => {
    const publish = vi.fn(async (_args: { user_id: string }) => ({ ok: true }));
    const build = vi.fn(async () => ({ type: 'home' as const, blocks: [] }));
    const client = { views: { publish } } as any;
    return { publish, build, homes: createHomePublisher({ client, build, log, debounceMs }) };
  };

  it('when one person\'s Home is asked for five times within the window, then it is published once, about a second later', async () => {
    vi.useFakeTimers();
    try {
      const { publish, homes } = publisher();
      const ann = asUserId('U0ANN');
      // Only Homes already shown are kept current; Cy never opened hers.
      await homes.publishNow(ann);
      await homes.publishNow(asUserId('U0BOB'));
      publish.mockClear();
      for (let i = 0; i < 5; i++) homes.republish([ann, asUserId('U0BOB'), asUserId('U0CY')]);
      await vi.advanceTimersByTimeAsync(999);
      expect(publish).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      await homes.flush();
      expect(publish.mock.calls.map(([args]) => args.user_id).sort()).toEqual(['U0ANN', 'U0BOB']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when a person opens their Home, then it is published at once and the waiting publish is dropped', async () => {
    const { publish, homes } = publisher(60_000);
    homes.republish([asUserId('U0ANN')]);
    await homes.publishNow(asUserId('U0ANN'));
    await homes.flush();
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('when publishing fails, then it is logged and never thrown; after stop nothing is published', async () => {
    const { publish, homes } = publisher(1);
    publish.mockRejectedValueOnce(new Error('not_enabled'));
    await expect(homes.publishNow(asUserId('U0ANN'))).resolves.toBeUndefined();
    await homes.stop();
    homes.republish([asUserId('U0ANN')]);
    await new Promise((done) => setTimeout(done, 10));
    expect(publish).toHaveBeenCalledTimes(1);
  });
});
