/**
 * Who decides a step. Owners decide owner steps; security reviewers decide security steps
 * and take over an owner step when the requester is its only owner. Nobody decides their
 * own request, and nobody decides two steps of one request.
 */
import { isRequester } from './lifecycle.js';
import type { AccessRequest, Catalog, StepKind, System, UserId } from './types.js';

/** Catalog references (user or user-group ids) that may decide a step of `kind`. */
export function approverRefs(kind: StepKind, system: System, catalog: Catalog): string[] {
  return kind === 'owner' ? system.owners : catalog.security.reviewers;
}

export interface Eligible {
  approvers: UserId[];
  /** The requester was a candidate and was taken out. */
  requesterExcluded: boolean;
}

/** Removes the requester and earlier deciders from the candidates, keeping order, once each. */
export function eligibleApprovers(candidates: UserId[], request: AccessRequest): Eligible {
  const earlier = new Set(request.steps.flatMap((step) => (step.decision ? [step.decision.by] : [])));
  const unique = [...new Set(candidates)];
  return {
    approvers: unique.filter((id) => !isRequester(request, id) && !earlier.has(id)),
    requesterExcluded: unique.some((id) => isRequester(request, id)),
  };
}
