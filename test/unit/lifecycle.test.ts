// Contract: the lifecycle functions are pure. Each returns the next request with `version`
// bumped by exactly one and `updatedAt` set to `now`, never touching its input, or throws a
// DomainError naming the guard that refused: one decision per step, by an approver of the
// current step who is neither the requester nor a decider of an earlier step.
import { describe, it, expect } from 'vitest';
import { DomainError, type DomainErrorCode } from '../../src/domain/errors.js';
import {
  applyCancellation,
  applyDecision,
  assertMayDecide,
  lastDecision,
  newRequest,
  routeStep,
  type DecideInput,
} from '../../src/domain/lifecycle.js';
import { asUserId, type AccessRequest, type Draft, type RequestInput } from '../../src/domain/types.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest, OWNER1, OWNER2, REQUESTER, SECURITY1 } from '../fixtures/requests.js';

const NOW = new Date('2025-03-04T10:00:00.000Z');
const EARLIER = new Date('2025-03-03T12:00:00.000Z');
const STRANGER = asUserId('U0NOBODY');

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** Step 0 approved by OWNER1; step 1 (security) routed to SEC1 and OWNER1. */
function atSecurityStep(): AccessRequest {
  return aRequest({
    currentStep: 1,
    version: 3,
    steps: [
      { kind: 'owner', approvers: [OWNER1, OWNER2], decision: { by: OWNER1, outcome: 'approved', at: EARLIER } },
      { kind: 'security', approvers: [SECURITY1, OWNER1] },
    ],
  });
}

describe('newRequest', () => {
  it('when a role has owner and security approvals, then it opens one empty step per approval, pending, version 1', () => {
    // Arrange
    const admin = testCatalog().systems[0]!.roles[1]!;
    const input: RequestInput = { requesterId: REQUESTER, systemId: 'billing', roleId: 'admin', durationMinutes: 60, purpose: 'Refunds' };
    const draft: Draft = { roleId: 'admin', durationMinutes: 60, reasons: [], flags: [], collection: 'sso_group' };
    // Act
    const created = newRequest(input, admin, draft, NOW);
    // Assert
    expect(created).toEqual({
      ...input,
      status: 'pending',
      steps: [
        { kind: 'owner', approvers: [] },
        { kind: 'security', approvers: [] },
      ],
      currentStep: 0,
      draft,
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(created).not.toHaveProperty('id');
  });
});

describe('routeStep', () => {
  it('when approvers are given, then only the current step gets them and the flag', () => {
    const request = atSecurityStep();
    const routed = routeStep(request, [SECURITY1], true, NOW);
    expect(routed.steps[0]).toEqual(request.steps[0]);
    expect(routed.steps[1]).toEqual({ kind: 'security', approvers: [SECURITY1], requesterExcluded: true });
    expect(routed.status).toBe('pending');
    expect(routed.version).toBe(4);
    expect(routed.updatedAt).toBe(NOW);
  });

  it('when nobody is eligible, then the request is blocked with its reason and its steps are unchanged', () => {
    const request = aRequest({ steps: [{ kind: 'owner', approvers: [] }, { kind: 'security', approvers: [] }] });
    const routed = routeStep(request, [], true, NOW);
    expect(routed.status).toBe('blocked');
    expect(routed.blockReason).toBe('no_eligible_approver');
    expect(routed.steps).toEqual(request.steps);
    expect(routed.version).toBe(2);
  });
});

describe('assertMayDecide refuses', () => {
  const decided = () =>
    aRequest({
      status: 'denied',
      currentStep: 1,
      steps: [
        { kind: 'owner', approvers: [OWNER1, OWNER2], decision: { by: OWNER2, outcome: 'denied', at: EARLIER, reason: 'No' } },
        { kind: 'security', approvers: [] },
      ],
    });

  it.each<[string, DomainErrorCode, () => AccessRequest, string, number, object]>([
    ['the step is already decided', 'ALREADY_DECIDED', decided, OWNER1, 0, { requestId: 1042, decidedBy: OWNER2, status: 'denied' }],
    ['the card is for a later step', 'NOT_PENDING', aRequest, OWNER1, 1, { requestId: 1042, status: 'pending' }],
    ['the card names a step the request does not have', 'NOT_PENDING', aRequest, OWNER1, 7, { requestId: 1042, status: 'pending' }],
    ['the request is blocked', 'NOT_PENDING', () => aRequest({ status: 'blocked' }), OWNER1, 0, { requestId: 1042, status: 'blocked' }],
    ['the request is cancelled', 'NOT_PENDING', () => aRequest({ status: 'cancelled' }), OWNER1, 0, { requestId: 1042, status: 'cancelled' }],
    ['the requester decides their own request', 'SELF_APPROVAL', () => aRequest({ steps: [{ kind: 'owner', approvers: [REQUESTER] }] }), REQUESTER, 0, { requestId: 1042 }],
    ['the step-0 decider tries step 1', 'SAME_APPROVER', atSecurityStep, OWNER1, 1, { requestId: 1042 }],
    ['the actor is not an approver of the step', 'NOT_AN_APPROVER', aRequest, STRANGER, 0, { requestId: 1042 }],
    ['an approver of the next step tries the current one', 'NOT_AN_APPROVER', aRequest, SECURITY1, 0, { requestId: 1042 }],
  ])('when %s, then %s', (_when, code, make, actor, stepIndex, details) => {
    // Arrange
    const request = make();
    // Act
    const error = errorOf(() => assertMayDecide(request, asUserId(actor), stepIndex));
    // Assert
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
  });

  it('when the actor is an approver of the current step, then it does not throw', () => {
    expect(() => assertMayDecide(aRequest(), OWNER2, 0)).not.toThrow();
    expect(() => assertMayDecide(atSecurityStep(), SECURITY1, 1)).not.toThrow();
  });
});

describe('applyDecision', () => {
  const approve = (actor = OWNER1, stepIndex = 0): DecideInput => ({ actor, stepIndex, outcome: 'approved' });

  it('when step 0 of 2 is approved, then the request moves to step 1 and stays pending', () => {
    const next = applyDecision(aRequest(), approve(), NOW);
    expect(next.status).toBe('pending');
    expect(next.currentStep).toBe(1);
    expect(next.steps[0]!.decision).toEqual({ by: OWNER1, outcome: 'approved', at: NOW });
    expect(next.steps[1]).toEqual({ kind: 'security', approvers: [] });
    expect(next.version).toBe(2);
    expect(next.updatedAt).toBe(NOW);
  });

  it('when the last step is approved, then the request is approved and currentStep equals the step count', () => {
    const next = applyDecision(atSecurityStep(), approve(SECURITY1, 1), NOW);
    expect(next.status).toBe('approved');
    expect(next.currentStep).toBe(2);
    expect(next.steps[1]!.decision).toEqual({ by: SECURITY1, outcome: 'approved', at: NOW });
    expect(next.version).toBe(4);
  });

  it('when a single-step request is approved, then it is approved at once', () => {
    const next = applyDecision(aRequest({ steps: [{ kind: 'owner', approvers: [OWNER1] }] }), approve(), NOW);
    expect(next.status).toBe('approved');
    expect(next.currentStep).toBe(1);
  });

  it('when a step is denied, then the request is denied with the reason trimmed', () => {
    const next = applyDecision(aRequest(), { actor: OWNER2, stepIndex: 0, outcome: 'denied', reason: '  Use the viewer role.  ' }, NOW);
    expect(next.status).toBe('denied');
    expect(next.steps[0]!.decision).toEqual({ by: OWNER2, outcome: 'denied', at: NOW, reason: 'Use the viewer role.' });
    expect(next.version).toBe(2);
  });

  it('when an approval has a blank reason, then no reason is recorded', () => {
    const next = applyDecision(aRequest(), { ...approve(), reason: '   ' }, NOW);
    expect(next.steps[0]!.decision).not.toHaveProperty('reason');
  });

  it.each([undefined, '', '   \n\t '])('when a denial has reason %j, then DENY_REASON_REQUIRED for the reason field', (reason) => {
    const error = errorOf(() => applyDecision(aRequest(), { actor: OWNER1, stepIndex: 0, outcome: 'denied', reason }, NOW));
    expect(error.code).toBe('DENY_REASON_REQUIRED');
    expect(error.details).toEqual({ field: 'reason' });
  });

  it('when a guard refuses, then applyDecision throws the same error', () => {
    expect(errorOf(() => applyDecision(aRequest(), approve(REQUESTER), NOW)).code).toBe('SELF_APPROVAL');
    expect(errorOf(() => applyDecision(atSecurityStep(), approve(OWNER1, 1), NOW)).code).toBe('SAME_APPROVER');
  });

  it('when a decision is applied, then the input request is not mutated', () => {
    const request = aRequest();
    const before = structuredClone(request);
    applyDecision(request, { actor: OWNER1, stepIndex: 0, outcome: 'denied', reason: 'No' }, NOW);
    routeStep(request, [OWNER1], false, NOW);
    applyCancellation(request, REQUESTER, NOW);
    expect(request).toEqual(before);
  });

  it('when the same card is decided twice, then the second attempt is ALREADY_DECIDED by the first decider', () => {
    const once = applyDecision(aRequest(), approve(OWNER1), NOW);
    const error = errorOf(() => applyDecision(once, approve(OWNER2), NOW));
    expect(error.code).toBe('ALREADY_DECIDED');
    expect(error.details).toEqual({ requestId: 1042, decidedBy: OWNER1, status: 'approved' });
  });
});

describe('applyCancellation', () => {
  it.each(['pending', 'blocked'] as const)('when the requester cancels a %s request, then it is cancelled', (status) => {
    const next = applyCancellation(aRequest({ status, version: 5 }), REQUESTER, NOW);
    expect(next.status).toBe('cancelled');
    expect(next.version).toBe(6);
    expect(next.updatedAt).toBe(NOW);
  });

  it.each(['approved', 'denied', 'cancelled'] as const)('when the request is %s, then NOT_PENDING', (status) => {
    const error = errorOf(() => applyCancellation(aRequest({ status }), REQUESTER, NOW));
    expect(error.code).toBe('NOT_PENDING');
    expect(error.details).toEqual({ requestId: 1042, status });
  });

  it.each([OWNER1, STRANGER])('when %s (not the requester) cancels, then NOT_REQUESTER', (actor) => {
    const error = errorOf(() => applyCancellation(aRequest(), actor, NOW));
    expect(error.code).toBe('NOT_REQUESTER');
    expect(error.details).toEqual({ requestId: 1042 });
  });
});

describe('lastDecision', () => {
  it('when nothing is decided, then it is undefined', () => {
    expect(lastDecision(aRequest())).toBeUndefined();
  });

  it('when two steps are decided, then it is the later one', () => {
    const done = applyDecision(atSecurityStep(), { actor: SECURITY1, stepIndex: 1, outcome: 'denied', reason: 'Too broad' }, NOW);
    expect(lastDecision(done)).toEqual({ by: SECURITY1, outcome: 'denied', at: NOW, reason: 'Too broad' });
  });

  it('when only the first step is decided, then it is that decision', () => {
    expect(lastDecision(atSecurityStep())).toEqual({ by: OWNER1, outcome: 'approved', at: EARLIER });
  });
});

describe('narrowing to the suggestion keeps the strictest chain', () => {
  const billing = testCatalog().systems[0]!;
  const suggested = (draft: Partial<Draft> = {}) =>
    aRequest({
      draft: {
        ...aRequest().draft,
        roleId: 'viewer',
        durationMinutes: 60,
        flags: [
          { code: 'privileged', reason: 'privileged' },
          { code: 'shared_credential', reason: 'The purpose asks for a shared login.' },
        ],
        ...draft,
      },
    });

  it('when an owner approves the suggestion of a privileged ask, then security still reviews the narrower role', () => {
    const after = applyDecision(suggested(), { actor: OWNER1, stepIndex: 0, outcome: 'approved', suggestionOf: billing }, NOW);
    expect(after.roleId).toBe('viewer');
    expect(after.status).toBe('pending');
    expect(after.steps.map((step) => step.kind)).toEqual(['owner', 'security']);
  });

  it('when the narrower role is itself privileged with a chain of security alone, then no step is dropped', () => {
    const system = { ...billing, roles: billing.roles.map((role) => (role.id === 'viewer' ? { ...role, privileged: true, approvals: ['security' as const] } : role)) };
    const after = applyDecision(suggested(), { actor: OWNER1, stepIndex: 0, outcome: 'approved', suggestionOf: system }, NOW);
    expect(after.steps.map((step) => step.kind)).toEqual(['owner', 'security']);
  });

  it('when the advisor flagged the purpose, then its flag survives the switch and the role flags are recomputed', () => {
    const after = applyDecision(suggested(), { actor: OWNER1, stepIndex: 0, outcome: 'approved', suggestionOf: billing }, NOW);
    expect(after.draft.flags.map((flag) => flag.code)).toEqual(['shared_credential']);
  });
});
