import { DomainError } from '../domain/errors.js';
import { applyDecision, assertMayDecide } from '../domain/lifecycle.js';
import type { AccessRequest, Outcome, RequestId, UserId } from '../domain/types.js';
import type { Changed, Deps, Surface } from './ports.js';
import { refuseCredentialsInForm } from './refuse-credentials.js';
import { activateGrant } from './activate-grant.js';
import { routeCurrentStep } from './route-current-step.js';
import { loadRequest, notifySafely, requireColleague } from './support.js';
import { resolveRole } from '../domain/validate-request.js';

export interface DecideStepInput {
  requestId: RequestId;
  /** The step the approver saw on their card. */
  stepIndex: number;
  actor: UserId;
  outcome: Outcome;
  /** Required when denying; shown to the requester. */
  reason?: string;
  /** Approve the draft's narrower suggestion rather than what was asked. */
  approveSuggestion?: boolean;
  surface: Surface;
}

/**
 * One approver decides one step. Two approvers clicking at once make one decision: the
 * conditional update lets exactly one through, and the other is told who won.
 */
export async function decideStep(deps: Deps, input: DecideStepInput): Promise<Changed> {
  await requireColleague(deps, input.actor);
  await refuseCredentialsInForm(deps, input.actor, input.surface, [['reason', input.reason]]);
  const before = await loadRequest(deps, input.requestId);
  const { system } = resolveRole(deps.catalog, before.systemId, before.roleId);
  const after = applyDecision(before, { ...input, ...(input.approveSuggestion ? { suggestionOf: system } : {}) }, deps.clock.now());
  const action = input.outcome === 'denied' ? 'step.denied' : input.approveSuggestion ? 'step.approved_suggested' : 'step.approved';
  if (!(await deps.store.updateRequest(before, after, { actor: input.actor, action, surface: input.surface }))) {
    assertMayDecide(await loadRequest(deps, input.requestId), input.actor, input.stepIndex);
    throw new DomainError('NOT_PENDING', { requestId: input.requestId });
  }
  return { request: after, announce: () => announceDecision(deps, after) };
}

/** Updates every copy of the card, then opens the next step or tells the requester. */
async function announceDecision(deps: Deps, request: AccessRequest): Promise<void> {
  await notifySafely(deps, request, () => deps.notifier.refreshApprovalCards(request));
  if (request.status === 'pending') return routeCurrentStep(deps, request.id);
  const news = request.status === 'approved' ? 'approved' : 'denied';
  await notifySafely(deps, request, () => deps.notifier.tellRequester(request, news));
  if (request.status === 'approved') await activateGrant(deps, request);
}

/** Checks, before asking a denier for their reason, that they may decide at all. */
export async function checkDecider(deps: Deps, requestId: RequestId, stepIndex: number, actor: UserId) {
  await requireColleague(deps, actor);
  assertMayDecide(await loadRequest(deps, requestId), actor, stepIndex);
}
