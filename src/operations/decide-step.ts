import { DomainError } from '../domain/errors.js';
import type { Effect } from '../domain/effects.js';
import { grantFor, supersede, termsOf } from '../domain/grants.js';
import { applyDecision, assertMayDecide } from '../domain/lifecycle.js';
import type { AccessRequest, Outcome, RequestId, UserId } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Change, Changed, Deps, Surface } from './ports.js';
import { refreshOf } from './effects-of.js';
import { refuseCredentialsInForm } from './refuse-credentials.js';
import { standInsFor } from './delegates.js';
import { loadRequest, requireColleague } from './support.js';

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
  /** The recorded click this decision carries out: settled in the decision's transaction. */
  effectId?: number;
}

/**
 * One approver decides one step. Two approvers clicking at once make one decision: the
 * conditional update lets exactly one through, and the other is told who won. The final
 * approval creates the grant in the same transaction, with its provisioning recorded as
 * an effect: no state of the database says "approved" without a grant.
 */
export async function decideStep(deps: Deps, input: DecideStepInput): Promise<Changed> {
  await requireColleague(deps, input.actor);
  await refuseCredentialsInForm(deps, input.actor, input.surface, [['reason', input.reason]]);
  const before = await loadRequest(deps, input.requestId);
  const { system } = resolveRole(deps.catalog, before.systemId, before.roleId);
  const now = deps.clock.now();
  const standIns = await standInsFor(deps, before, input.stepIndex, now);
  const after = applyDecision(before, { ...input, standIns, ...(input.approveSuggestion ? { suggestionOf: system } : {}) }, now);
  const action = input.outcome === 'denied' ? 'step.denied' : input.approveSuggestion ? 'step.approved_suggested' : 'step.approved';
  const settles = input.effectId === undefined ? {} : { settles: { id: input.effectId, status: 'done' as const } };
  const change: Change = { at: now, actor: input.actor, surface: input.surface, requests: [{ before, after, action }], ...settles };
  if (!(await deps.store.commit(await withEffects(deps, change, after)))) {
    assertMayDecide(await loadRequest(deps, input.requestId), input.actor, input.stepIndex, standIns);
    throw new DomainError('NOT_PENDING', { requestId: input.requestId });
  }
  return { request: after, announce: () => deps.runEffects(after.id) };
}

/** What the decision causes: the next step, the requester told, or the grant made. */
async function withEffects(deps: Deps, change: Change, request: AccessRequest): Promise<Change> {
  const refresh = refreshOf(request);
  if (request.status === 'pending') return { ...change, effects: [refresh, { kind: 'route_step', requestId: request.id, step: request.currentStep }] };
  if (request.status === 'denied') return { ...change, effects: [refresh, { kind: 'tell_requester', requestId: request.id, news: 'denied' }] };
  return grantChange(deps, change, request);
}

async function grantChange(deps: Deps, change: Change, request: AccessRequest): Promise<Change> {
  const { system, role } = resolveRole(deps.catalog, request.systemId, request.roleId);
  const extended = request.extendsRequestId ? await deps.grants.getGrant(request.extendsRequestId) : undefined;
  // Captured now, so a revocation months later does not depend on the profile lookup.
  const person = await deps.directory.person(request.requesterId).catch(() => undefined);
  const grant = grantFor(request, termsOf(system, role), change.at, extended, person?.email);
  const superseded = extended && supersede(extended, change.at);
  const id = request.id;
  const effects: Effect[] = [refreshOf(request), { kind: 'tell_requester', requestId: id, news: 'approved' }];
  if (superseded) {
    effects.push(
      { kind: 'extend', requestId: id },
      { kind: 'tell_grantee', requestId: id, news: 'granted' },
      { kind: 'schedule_expiry_notice', requestId: id, version: grant.version },
      refreshOf({ id: superseded.requestId, version: 0 }, superseded),
    );
  } else {
    effects.push({ kind: 'provision', requestId: id });
  }
  const grants: NonNullable<Change['grants']> = [{ after: grant, action: superseded ? 'grant.activated' : 'grant.created' }];
  if (extended && superseded) grants.push({ before: extended, after: superseded, action: 'grant.extended' });
  return { ...change, grants, effects };
}

/**
 * Checks, before asking a denier for their reason or recording an approval, that they may
 * decide at all; the request as it was checked.
 */
export async function checkDecider(deps: Deps, requestId: RequestId, stepIndex: number, actor: UserId): Promise<AccessRequest> {
  await requireColleague(deps, actor);
  const request = await loadRequest(deps, requestId);
  assertMayDecide(request, actor, stepIndex, await standInsFor(deps, request, stepIndex, deps.clock.now()));
  return request;
}
