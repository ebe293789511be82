/**
 * Contract: a delegation is checked before it is stored (a colleague, not oneself, ending
 * today or within 90 days); while it holds, the delegate is sent the step's cards and may
 * decide it, never when they are the requester or decided an earlier step; past its end,
 * or cleared, it gives the delegate nothing.
 */
import { describe, expect, it } from 'vitest';
import { checkDelegation, delegateStep, remindees, standIns } from '../../src/domain/delegation.js';
import { applyDecision } from '../../src/domain/lifecycle.js';
import { asUserId, type Delegation, type Person } from '../../src/domain/types.js';
import { aRequest, OWNER1, OWNER2, REQUESTER, SECURITY1 } from '../fixtures/requests.js';

const ORG = { teamId: 'T0LATCH' };
const NOW = new Date('2025-03-04T09:00:00.000Z');
const LATER = new Date('2025-03-06T00:00:00.000Z');
const DELEGATE = asUserId('U0ANN');
const person = (id: string, overrides: Partial<Person> = {}): Person => ({ id: asUserId(id), name: id, teamId: 'T0LATCH', isStranger: false, deleted: false, isBot: false, ...overrides });
const away = (approver = OWNER1, delegate = DELEGATE, until = LATER): Delegation => ({ approver, delegate, until });

describe('checking a delegation', () => {
  it.each([
    ['themselves', person('U0OWNER1'), '2025-03-05', 'SELF_DELEGATION'],
    ['nobody', undefined, '2025-03-05', 'DELEGATE_NOT_COLLEAGUE'],
    ['a bot', person('U0BOT', { isBot: true }), '2025-03-05', 'DELEGATE_NOT_COLLEAGUE'],
    ['a deactivated account', person('U0GONE', { deleted: true }), '2025-03-05', 'DELEGATE_NOT_COLLEAGUE'],
    ['another organisation', person('U0EXT', { teamId: 'T0OTHER', isStranger: true }), '2025-03-05', 'DELEGATE_NOT_COLLEAGUE'],
    ['a colleague, until yesterday', person('U0ANN'), '2025-03-03', 'DELEGATION_DATE'],
    ['a colleague, 91 days on', person('U0ANN'), '2025-06-03', 'DELEGATION_DATE'],
    ['a colleague, no day', person('U0ANN'), undefined, 'DELEGATION_DATE'],
    ['a colleague, a day that is no date', person('U0ANN'), 'next week', 'DELEGATION_DATE'],
  ])('when an approver delegates to %s, then it is refused', (_who, delegate, lastDay, code) => {
    expect(() => checkDelegation({ approver: OWNER1, delegate, lastDay, today: '2025-03-04' }, ORG)).toThrow(code);
  });

  it.each([['2025-03-04'], ['2025-06-02']])('when a colleague is picked until %s, then it is taken', (lastDay) => {
    expect(checkDelegation({ approver: OWNER1, delegate: person('U0ANN'), lastDay, today: '2025-03-04' }, ORG)).toEqual({ delegate: DELEGATE, lastDay });
  });
});

describe('a step with a delegate', () => {
  it('when an approver has a delegation that holds, then the routed step records it and the delegate may approve', () => {
    const routed = delegateStep(aRequest(), [away()], NOW);
    expect(routed.steps[0]?.delegates).toEqual([away()]);
    const approved = applyDecision(routed, { actor: DELEGATE, stepIndex: 0, outcome: 'approved', standIns: standIns(routed.steps[0]!.approvers, [away()], NOW) }, NOW);
    expect(approved.steps[0]?.decision?.by).toBe(DELEGATE);
  });

  it.each([
    ['it has ended', away(OWNER1, DELEGATE, NOW)],
    ['it is for another approver', away(SECURITY1)],
    ['the delegate is the requester', away(OWNER1, REQUESTER)],
    ['the delegate is an approver already', away(OWNER1, OWNER2)],
  ])('when %s, then the step records no delegate', (_why, delegation) => {
    expect(delegateStep(aRequest(), [delegation], NOW).steps[0]?.delegates).toBeUndefined();
  });

  it('when the delegate decided the step before, then they may not decide the next one', () => {
    const first = applyDecision(aRequest(), { actor: OWNER1, stepIndex: 0, outcome: 'approved' }, NOW);
    const second = { ...first, steps: first.steps.map((step, index) => (index === 1 ? { ...step, approvers: [SECURITY1] } : step)) };
    expect(delegateStep(second, [away(SECURITY1, OWNER1)], NOW).steps[1]?.delegates).toBeUndefined();
    const delegates = standIns([SECURITY1], [away(SECURITY1, OWNER1)], NOW);
    expect(() => applyDecision(second, { actor: OWNER1, stepIndex: 1, outcome: 'approved', standIns: delegates }, NOW)).toThrow('SAME_APPROVER');
  });

  it('when the delegate is the requester, then they may not approve even as a stand-in', () => {
    const delegates = standIns([OWNER1], [away(OWNER1, REQUESTER)], NOW);
    expect(() => applyDecision(aRequest(), { actor: REQUESTER, stepIndex: 0, outcome: 'approved', standIns: delegates }, NOW)).toThrow('SELF_APPROVAL');
  });

  it('when the delegation has ended or was cleared, then the delegate is neither a stand-in nor reminded', () => {
    const step = delegateStep(aRequest(), [away()], NOW).steps[0]!;
    expect(standIns(step.approvers, [away()], LATER)).toEqual([]);
    expect(() => applyDecision(aRequest(), { actor: DELEGATE, stepIndex: 0, outcome: 'approved', standIns: [] }, LATER)).toThrow('NOT_AN_APPROVER');
    expect(remindees(step, [away()], NOW)).toEqual([OWNER1, OWNER2, DELEGATE]);
    expect(remindees(step, [], NOW)).toEqual([OWNER1, OWNER2]);
    expect(remindees(step, [away()], LATER)).toEqual([OWNER1, OWNER2]);
  });
});
