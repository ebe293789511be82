import { DomainError } from '../domain/errors.js';
import type { Effect } from '../domain/effects.js';
import { assertMayEnd, needsRemoval, startEnding } from '../domain/grants.js';
import type { EndReason, Grant, RequestId, UserId } from '../domain/types.js';
import { refreshOf } from './effects-of.js';
import { grantRights, loadGrant } from './grant-support.js';
import { settleGrant } from './settle-grant.js';
import type { Deps, Surface } from './ports.js';
import { requireColleague } from './support.js';

export interface EndGrantInput {
  requestId: RequestId;
  reason: Exclude<EndReason, 'extended'>;
  /** Who ended it early: the grantee releasing, an owner or a security reviewer revoking. */
  by?: UserId;
  surface: Surface;
}

/**
 * Ends a grant, for whatever reason, through one path: expiry, release, a revoke and a
 * leaver all start here. Only the first caller starts it; later ones are told it is
 * already ending. The removal itself is an effect, carried out after commit.
 */
export async function endGrant(deps: Deps, input: EndGrantInput): Promise<{ announce(): Promise<void> }> {
  const grant = await loadGrant(deps, input.requestId);
  if (input.by && (input.reason === 'released' || input.reason === 'revoked')) {
    await requireColleague(deps, input.by);
    assertMayEnd(grant, input.by, input.reason, await grantRights(deps, grant, input.by));
  }
  const now = deps.clock.now();
  const ending = startEnding(grant, input.reason, now, input.by);
  const change = ending && { at: now, actor: input.by ?? ('latchkey' as const), surface: input.surface, grants: [{ before: grant, after: ending, action: endingAction(ending) }], effects: endingEffects(ending) };
  if (!change || !(await deps.store.commit(change))) {
    throw new DomainError('GRANT_NOT_LIVE', { requestId: input.requestId, status: grant.status });
  }
  return { announce: () => deps.runEffects(input.requestId) };
}

/** Access in place is removed by the revoker; access never put in place just ends. */
export function endingEffects(grant: Grant): Effect[] {
  const id = grant.requestId;
  if (needsRemoval(grant)) return [{ kind: 'revoke', requestId: id }, refreshOf({ id, version: 0 }, grant)];
  return [{ kind: 'tell_grantee', requestId: id, news: 'ended' }, refreshOf({ id, version: 0 }, grant)];
}

export const endingAction = (grant: Grant): string => (needsRemoval(grant) ? 'grant.ending' : 'grant.ended');

/**
 * A person confirms by hand what a revoker could not: the access was removed (from a
 * removal task or an alert) or set up (from a provisioning task). Owners and security may;
 * coordinators may confirm a removal, since tasks with no reachable owner reach them.
 */
export async function confirmByHand(deps: Deps, requestId: RequestId, actor: UserId, what: 'removed' | 'granted') {
  await requireColleague(deps, actor);
  const grant = await loadGrant(deps, requestId);
  const rights = await grantRights(deps, grant, actor);
  if (!rights.isOwner && !rights.isSecurity && !(what === 'removed' && rights.isCoordinator)) {
    throw new DomainError('NOT_A_TASK_OWNER', { requestId });
  }
  if (!(await settleGrant(deps, grant, what, actor))) {
    throw new DomainError('GRANT_NOT_LIVE', { requestId, status: grant.status });
  }
  return { announce: () => deps.runEffects(requestId) };
}
