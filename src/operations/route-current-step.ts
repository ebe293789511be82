import { delegateStep } from '../domain/delegation.js';
import { routeStep } from '../domain/lifecycle.js';
import { isColleague } from '../domain/people.js';
import { approverRefs, eligibleApprovers, type Eligible } from '../domain/routing.js';
import type { AccessRequest, BlockReason, Delegation, RequestId, StepKind, UserId } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Deps } from './ports.js';
import { scheduleStepJobs } from './remind-step.js';
import { everyone } from './support.js';
import { refreshOf } from './effects-of.js';
import type { Effect } from '../domain/effects.js';

/**
 * Opens the request's current step: resolves who may decide it and stores them, with the
 * cards and the requester's news as effects. A request nobody can decide is blocked,
 * never silently routed, and the coordinators are told. Safe to call again: a step that
 * has approvers is left alone.
 */
export async function routeCurrentStep(deps: Deps, id: RequestId): Promise<void> {
  const request = await deps.store.getRequest(id);
  const step = request?.steps[request.currentStep];
  if (!request || request.status !== 'pending' || !step || step.approvers.length > 0) return;

  const found = await findApprovers(deps, request, step.kind);
  const now = deps.clock.now();
  const routed = delegateStep(
    routeStep(request, found.approvers, found.requesterExcluded, now, found.emptyBecause),
    await delegationsOf(deps, found.approvers, now),
    now,
  );
  const blocked = routed.status === 'blocked';
  const effects: Effect[] = blocked
    ? [{ kind: 'tell_requester', requestId: id, news: 'blocked', version: routed.version }, { kind: 'tell_coordinators', requestId: id, version: routed.version }, refreshOf(routed)]
    : [
        { kind: 'send_cards', requestId: id, step: routed.currentStep },
        { kind: 'tell_requester', requestId: id, news: routed.currentStep === 0 ? 'submitted' : 'step_approved' },
      ];
  const audit = { actor: 'latchkey' as const, action: blocked ? 'request.blocked' : 'step.routed', surface: 'system' as const };
  if (!(await deps.store.updateRequest(request, routed, audit, effects)) || blocked) return;
  // Lost reminder jobs are re-made by reconciliation, so they need not share the commit.
  await scheduleStepJobs(deps, routed, routed.updatedAt);
}

/**
 * Routes every request that was stored but never routed: the process stopped between
 * closing the modal and sending the cards. Run at start-up.
 */
export async function resumeRouting(deps: Deps): Promise<number> {
  const unrouted = await deps.store.listUnrouted();
  for (const request of unrouted) await routeCurrentStep(deps, request.id);
  return unrouted.length;
}

interface Found extends Eligible {
  emptyBecause: BlockReason;
}

/**
 * Owners decide owner steps; when the requester is the only reachable owner, security
 * steps in. Only colleagues Slack knows as active count as reachable.
 */
async function findApprovers(deps: Deps, request: AccessRequest, kind: StepKind): Promise<Found> {
  const { system } = resolveRole(deps.catalog, request.systemId, request.roleId);
  const reachable = await reachablePeople(deps, approverRefs(kind, system, deps.catalog));
  const eligible = eligibleApprovers(reachable, request);
  if (kind === 'owner' && reachable.length === 0) return { ...eligible, emptyBecause: 'no_reachable_owner' };
  if (eligible.approvers.length > 0 || kind !== 'owner') return { ...eligible, emptyBecause: 'no_eligible_approver' };
  const security = eligibleApprovers(await reachablePeople(deps, approverRefs('security', system, deps.catalog)), request);
  return { ...security, requesterExcluded: eligible.requesterExcluded, emptyBecause: 'no_eligible_approver' };
}

/** The approvers' delegations that hold now, to delegates Slack still knows as active colleagues. */
async function delegationsOf(deps: Deps, approvers: UserId[], now: Date): Promise<Delegation[]> {
  const holding = await deps.delegations.holding(approvers, now);
  const reachable = await reachablePeople(deps, holding.map((delegation) => delegation.delegate));
  return holding.filter((delegation) => reachable.includes(delegation.delegate));
}

async function reachablePeople(deps: Deps, refs: string[]): Promise<UserId[]> {
  const people = await everyone(deps.directory, refs);
  const known = await Promise.all(people.map((id) => deps.directory.person(id).catch(() => undefined)));
  return people.filter((_, index) => {
    const person = known[index];
    return person !== undefined && isColleague(person, deps.org);
  });
}
