import { DomainError } from '../domain/errors.js';
import { reopenForRouting } from '../domain/route-again.js';
import type { RequestId, UserId } from '../domain/types.js';
import { refreshOf } from './effects-of.js';
import { requireCoordinator } from './nudge-approvers.js';
import type { Deps } from './ports.js';
import { routeCurrentStep } from './route-current-step.js';
import { loadRequest } from './support.js';

/**
 * A coordinator sends a request that routing blocked (nobody eligible, no owner reachable)
 * back to routing, once the catalog or the directory was fixed. The request is committed
 * pending with the step's approvers cleared; routing then runs at once, and finds the
 * approvers and sends the cards, or blocks it again and says so.
 *
 * Routing is called directly rather than recorded as a `route_step` effect: that effect's
 * key (request and step) was used when the step was first routed, so a second one would be
 * dropped as a repeat. A crash between the commit and the routing leaves a pending request
 * with no approvers, which start-up and reconciliation route (`resumeRouting`).
 */
export async function routeAgain(deps: Deps, id: RequestId, actor: UserId): Promise<{ announce(): Promise<void> }> {
  await requireCoordinator(deps, actor);
  const before = await loadRequest(deps, id);
  const after = reopenForRouting(before, deps.clock.now());
  if (!(await deps.store.updateRequest(before, after, { actor, action: 'request.routed_again', surface: 'button' }, [refreshOf(after)]))) {
    throw new DomainError('NOT_BLOCKED', { requestId: id });
  }
  return {
    announce: async () => {
      await routeCurrentStep(deps, id);
      await deps.runEffects(id);
    },
  };
}
