import { applyCancellation } from '../domain/lifecycle.js';
import type { UserId } from '../domain/types.js';
import { endGrant } from './end-grant.js';
import type { Deps } from './ports.js';
import { notifySafely } from './support.js';

/**
 * Access follows the person out of the door: when someone is deactivated, each of their
 * live grants is revoked through the usual path, their open requests are withdrawn, and
 * the owners and security are told.
 */
export async function handleLeaver(deps: Deps, userId: UserId): Promise<void> {
  const grants = (await deps.grants.listLiveGrants(userId)).filter((grant) => grant.status === 'active');
  for (const grant of grants) {
    await endGrant(deps, { requestId: grant.requestId, reason: 'leaver', surface: 'system' }).catch((error: unknown) =>
      deps.log.warn({ err: error, requestId: grant.requestId }, 'could not start revoking a leaver\'s grant'),
    );
    await notifySafely(deps, { id: grant.requestId }, () => deps.notifier.alertOwnersAndSecurity(grant, 'leaver'));
  }
  const open = (await deps.store.listRequestsBy(userId, 100)).filter((r) => r.status === 'pending' || r.status === 'blocked');
  for (const request of open) {
    const withdrawn = applyCancellation(request, request.requesterId, deps.clock.now());
    if (await deps.store.updateRequest(request, withdrawn, { actor: 'latchkey', action: 'request.cancelled_leaver', surface: 'system' })) {
      await notifySafely(deps, withdrawn, () => deps.notifier.refreshApprovalCards(withdrawn));
    }
  }
}
