// Contract: a packet item's state is read from its request and grant, with verified and
// declined its own; readiness counts verified items of those still required (a decline takes
// an item out); an item is flagged once the start is `start_warning` away and it is not
// verified; the ready-before-start figure counts only what was verified by the start; the
// delay runs from the start to the last item verified; stop gates pause or refuse with a reason;
// and neither the grantee nor whoever asked on their behalf may decide or be routed a step.
import { describe, expect, it } from 'vitest';
import { withdrawRequest } from '../../src/domain/packets/close.js';
import { gateItem } from '../../src/domain/packets/gates.js';
import { checkPacketInput } from '../../src/domain/packets/plan.js';
import { itemState, type ItemView, type PacketItem } from '../../src/domain/packets/packet.js';
import { accessDelay, isFlagged, pooledReadiness, readiness, readyBeforeStart } from '../../src/domain/packets/readiness.js';
import { assertMayDecide } from '../../src/domain/lifecycle.js';
import { eligibleApprovers } from '../../src/domain/routing.js';
import { asRequestId, asUserId, type Grant } from '../../src/domain/types.js';
import { aRequest } from '../fixtures/requests.js';
import { testCatalog } from '../fixtures/catalog.js';

const DAY = 86_400_000;
const START = new Date('2026-12-10T00:00:00Z');
const COORDINATOR = asUserId('U0COORD1');

const item = (overrides: Partial<PacketItem> = {}): PacketItem => ({
  id: 1, packetId: 1, memberId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'admin', durationMinutes: 60, neededBy: '2026-12-10', requestId: asRequestId(1042), ...overrides,
});
const grant = (status: Grant['status']): Grant => ({
  requestId: asRequestId(1042), userId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'admin', collection: 'sso_group',
  grantedAt: START, expiresAt: START, status, attempts: 0, version: 1,
});
const verifiedAt = (at: Date): ItemView => ({ item: item({ verifiedAt: at }) });
const open: ItemView = { item: item(), request: aRequest() };

describe('itemState', () => {
  it.each([
    ['unrouted', { item: item(), request: aRequest({ steps: [{ kind: 'owner', approvers: [] }] }) }, 'requested'],
    ['waiting on approvers', open, 'waiting'],
    ['blocked', { item: item(), request: aRequest({ status: 'blocked', blockReason: 'no_reachable_owner' }) }, 'paused'],
    ['gated', { item: item({ gate: { kind: 'refused', reason: 'no' } }) }, 'refused'],
    ['denied', { item: item(), request: aRequest({ status: 'denied' }) }, 'denied'],
    ['approved, being set up', { item: item(), request: aRequest({ status: 'approved' }), grant: grant('provisioning') }, 'approved'],
    ['active', { item: item(), request: aRequest({ status: 'approved' }), grant: grant('active') }, 'provisioned'],
    ['active and verified', { item: item({ verifiedAt: START }), grant: grant('active') }, 'verified'],
    ['verified, ended since', { item: item({ verifiedAt: START }), grant: grant('ended') }, 'verified'],
    ['ended unverified', { item: item(), grant: grant('ending') }, 'ended'],
    ['declined', { item: item({ declinedAt: START }), request: aRequest({ status: 'cancelled' }) }, 'declined'],
  ] as [string, ItemView, string][])('when %s, then %s', (_, view, state) => {
    expect(itemState(view)).toBe(state);
  });
});

describe('readiness and flags', () => {
  const views: ItemView[] = [verifiedAt(new Date(START.getTime() - DAY)), open, { item: item({ declinedAt: START }) }];

  it('when one of two required items is verified, then readiness reads 1 of 2 and the days to the start', () => {
    expect(readiness(views, '2026-12-07', '2026-12-10')).toEqual({ verified: 1, required: 2, daysToStart: 3 });
    expect(readiness(views, '2026-12-12', '2026-12-10').daysToStart).toBe(-2);
  });

  it.each([
    [4, false],
    [3, true],
    [-1, true],
  ])('when the start is %i days away, then an unverified item flagged: %s', (daysBefore, flagged) => {
    expect(isFlagged(open, START, 3 * 1440, new Date(START.getTime() - daysBefore * DAY))).toBe(flagged);
  });

  it('when an item is verified or declined, then it is never flagged', () => {
    expect(isFlagged(views[0]!, START, 3 * 1440, START)).toBe(false);
    expect(isFlagged(views[2]!, START, 3 * 1440, START)).toBe(false);
  });
});

describe('access_request_ready_before_start and delay', () => {
  const before = verifiedAt(new Date(START.getTime() - 1));
  const after = verifiedAt(new Date(START.getTime() + 2.5 * DAY));

  it('when one item was verified before the start and one after, then the figure is 1 of 2', () => {
    expect(readyBeforeStart([before, after], START)).toEqual({ verified: 1, required: 2, ratio: 0.5 });
  });

  it('when packets are pooled, then every required item counts once', () => {
    expect(pooledReadiness([{ verified: 1, required: 2, ratio: 0.5 }, { verified: 3, required: 3, ratio: 1 }])).toEqual({ verified: 4, required: 5, ratio: 0.8 });
    expect(pooledReadiness([])).toEqual({ verified: 0, required: 0 });
  });

  it('when the last item was verified 2.5 days after the start, then the delay is 3 days, settled', () => {
    expect(accessDelay([before, after], START, new Date(START.getTime() + 9 * DAY))).toEqual({ days: 3, settled: true });
  });

  it('when all were ready before the start, then there is no delay; while one is open, the delay grows', () => {
    expect(accessDelay([before], START, new Date(START.getTime() + 5 * DAY))).toEqual({ days: 0, settled: true });
    expect(accessDelay([before, open], START, new Date(START.getTime() + 1.2 * DAY))).toEqual({ days: 2, settled: false });
  });
});

describe('stop gates', () => {
  const catalog = testCatalog();
  const billing = catalog.systems.find((s) => s.id === 'billing')!;
  const admin = billing.roles.find((r) => r.id === 'admin')!;
  const base = { system: billing, role: admin, durationMinutes: 60, neededBy: '2026-12-10', securityReviewers: 2, flags: [] };

  it.each([
    ['fine', base, undefined],
    ['over the maximum', { ...base, durationMinutes: 1440 }, { kind: 'refused', reason: 'Administrator on Billing (Stripe) is limited to 8 h; 1 day was asked.' }],
    ['privileged with no security reviewer', { ...base, securityReviewers: 0 }, { kind: 'refused', reason: 'Administrator on Billing (Stripe) needs a security review and the catalog names no security reviewer.' }],
    ['without a needed-by date', { ...base, neededBy: undefined }, { kind: 'paused', reason: 'Administrator on Billing (Stripe) has no needed-by date.' }],
    ['asking for a password by chat', { ...base, flags: ['unsafe_collection' as const] }, { kind: 'paused', reason: 'Administrator on Billing (Stripe) has no safe way to hand the access over (never a password, email or chat).' }],
  ])('when the item is %s, then the gate says %o', (_, input, gate) => {
    expect(gateItem(input)).toEqual(gate);
  });
});

describe('requests made on someone\'s behalf', () => {
  const request = aRequest({ requestedBy: COORDINATOR });

  it.each([['the grantee', 'U0REQ1'], ['the coordinator who asked', 'U0COORD1']])('when %s tries to decide, then it is self-approval', (_, actor) => {
    expect(() => assertMayDecide({ ...request, steps: [{ kind: 'owner', approvers: [asUserId(actor)] }] }, asUserId(actor), 0)).toThrow('SELF_APPROVAL');
  });

  it('when the coordinator is among the candidates, then routing takes them out', () => {
    expect(eligibleApprovers([COORDINATOR, asUserId('U0OWNER1')], request)).toEqual({ approvers: ['U0OWNER1'], requesterExcluded: true });
  });
});

describe('the packet form', () => {
  const catalog = { ...testCatalog(), packets: [{ id: 'launch', name: 'Launch', startWarningMinutes: 4320, items: [{ systemId: 'billing', roleId: 'viewer', durationMinutes: 10080 }] }] };
  const input = { name: 'Acme', templateId: 'launch', coordinatorId: COORDINATOR, members: [asUserId('U0REQ1')], plannedStart: '2026-12-10', clientOwned: false };

  it.each([
    ['fine', {}, []],
    ['unnamed, from an unknown template', { name: '  ', templateId: 'nope' }, [{ field: 'name', code: 'name_missing' }, { field: 'template', code: 'unknown_template' }]],
    ['for 21 people', { members: Array.from({ length: 21 }, (_, i) => asUserId(`U0M${i}`)) }, [{ field: 'members', code: 'too_many_members' }]],
    ['starting yesterday and ending before it starts', { plannedStart: '2026-12-06', projectEnd: '2026-12-05' }, [{ field: 'plannedStart', code: 'start_in_past' }, { field: 'projectEnd', code: 'end_before_start' }]],
  ])('when it is %s, then the problems are %o', (_, change, problems) => {
    expect(checkPacketInput(catalog, { ...input, ...change }, '2026-12-07')).toEqual(problems);
  });
});

describe('closing a packet', () => {
  it.each([
    ['pending', true],
    ['blocked', true],
    ['approved', false],
    ['denied', false],
    ['cancelled', false],
  ] as const)('when its request is %s, then it is withdrawn: %s', (status, withdrawn) => {
    const after = withdrawRequest(aRequest({ status }), START);
    expect(after?.status).toBe(withdrawn ? 'cancelled' : undefined);
    if (after) expect(after.version).toBe(2);
  });
});
