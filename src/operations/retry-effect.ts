import { DomainError } from '../domain/errors.js';
import type { EffectKind } from '../domain/effects.js';
import type { Grant, RequestId, UserId } from '../domain/types.js';
import { grantRights, loadGrant } from './grant-support.js';
import type { Deps } from './ports.js';
import { requireColleague } from './support.js';

/** The revoker call a grant in this state can have failed: an extension fails with the grant active. */
const RETRIED_BY_STATUS: Partial<Record<Grant['status'], EffectKind>> = {
  provisioning_failed: 'provision',
  revocation_failed: 'revoke',
  active: 'extend',
};

/**
 * An owner or a security reviewer asks, from an alert, to try a failed provisioning,
 * removal or extension again: the failed effect goes back in the queue, from its first attempt.
 */
export async function retryGrantEffect(deps: Deps, requestId: RequestId, actor: UserId) {
  await requireColleague(deps, actor);
  const grant = await loadGrant(deps, requestId);
  const rights = await grantRights(deps, grant, actor);
  if (!rights.isOwner && !rights.isSecurity) throw new DomainError('NOT_A_TASK_OWNER', { requestId });
  const kind = RETRIED_BY_STATUS[grant.status];
  if (!kind || !(await deps.effects.redo(kind, requestId, deps.clock.now()))) {
    throw new DomainError('GRANT_NOT_LIVE', { requestId, status: grant.status });
  }
  await deps.store.recordEvent({ actor, action: `grant.${kind}_retried`, surface: 'button' }, requestId, {}, deps.clock.now());
  return { announce: () => deps.runEffects(requestId) };
}
