/**
 * Approvers away. An approver names a delegate until a date; while that holds, the cards
 * and reminders of steps routed to the approver go to the delegate as well, and the
 * delegate may decide those steps. The delegate is held to the rules every approver is:
 * never their own request, never two steps of one request. Delegations do not chain: only
 * a step's own approvers' delegations count, never a delegate's.
 */
import { daysBetween } from './digest.js';
import { DomainError } from './errors.js';
import { isColleague } from './people.js';
import { eligibleApprovers } from './routing.js';
import type { AccessRequest, Delegation, Organisation, Person, Step, UserId } from './types.js';

/** The furthest ahead a delegation may end: an absence, not a standing hand-over. */
export const MAX_DELEGATION_DAYS = 90;

export const holds = (delegation: Delegation, now: Date): boolean => delegation.until > now;

export interface DelegationAsked {
  approver: UserId;
  /** The person picked, as the directory knows them; undefined when nobody was picked or Slack doesn't know them. */
  delegate: Person | undefined;
  /** The last day it holds, `YYYY-MM-DD`, as picked. */
  lastDay: string | undefined;
  /** Today in the approver's time zone, `YYYY-MM-DD`. */
  today: string;
}

/** The delegate and last day, once checked: throws unless the approver may hand their approvals over so. */
export function checkDelegation(asked: DelegationAsked, org: Organisation): { delegate: UserId; lastDay: string } {
  const { approver, delegate, lastDay, today } = asked;
  if (delegate?.id === approver) throw new DomainError('SELF_DELEGATION');
  if (!delegate || !isColleague(delegate, org)) throw new DomainError('DELEGATE_NOT_COLLEAGUE');
  const ahead = lastDay && /^\d{4}-\d{2}-\d{2}$/.test(lastDay) ? daysBetween(today, lastDay) : Number.NaN;
  if (!lastDay || !(ahead >= 0 && ahead <= MAX_DELEGATION_DAYS)) throw new DomainError('DELEGATION_DATE', { limit: MAX_DELEGATION_DAYS });
  return { delegate: delegate.id, lastDay };
}

/**
 * Who may decide for a step's approvers now, besides them: the delegates of those whose
 * delegation holds. The lifecycle's guards (self-approval, distinct approvers) still apply.
 */
export function standIns(approvers: readonly UserId[], delegations: readonly Delegation[], now: Date): UserId[] {
  return [...new Set(delegations.filter((d) => approvers.includes(d.approver) && holds(d, now)).map((d) => d.delegate))];
}

/**
 * Records on the just-routed current step the delegations its cards also go to: those that
 * hold now, minus delegates who could never decide it (the requester, an earlier decider)
 * or who are its approvers already.
 */
export function delegateStep(request: AccessRequest, delegations: readonly Delegation[], now: Date): AccessRequest {
  const step = request.steps[request.currentStep];
  if (request.status !== 'pending' || !step) return request;
  const eligible = new Set(eligibleApprovers(delegations.map((d) => d.delegate), request).approvers);
  const delegates = delegations.filter(
    (d) => step.approvers.includes(d.approver) && holds(d, now) && eligible.has(d.delegate) && !step.approvers.includes(d.delegate),
  );
  if (delegates.length === 0) return request;
  return { ...request, steps: request.steps.map((s, index) => (index === request.currentStep ? { ...s, delegates } : s)) };
}

/**
 * Whom a step's reminders go to: its approvers, and the delegates its cards went to whose
 * delegation (as it stands now, in `current`) still holds: one cleared or expired since stops.
 */
export function remindees(step: Step, current: readonly Delegation[], now: Date): UserId[] {
  const stillHolds = (sent: Delegation) => current.some((d) => d.approver === sent.approver && d.delegate === sent.delegate && holds(d, now));
  return [...new Set([...step.approvers, ...(step.delegates ?? []).filter(stillHolds).map((d) => d.delegate)])];
}
