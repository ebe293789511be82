import { applyCancellation } from '../domain/lifecycle.js';
import type { UserId } from '../domain/types.js';
import { refreshOf } from './effects-of.js';
import { endingAction, endingEffects } from './end-grant.js';
import { startEnding } from '../domain/grants.js';
import type { Deps } from './ports.js';

/**
 * Access follows the person out of the door: when someone is deactivated, each of their
 * live grants ends through the usual path, their open requests are withdrawn, and the
 * owners and security are told. Each grant's end and its alert commit together.
 */
export async function handleLeaver(deps: Deps, userId: UserId): Promise<void> {
  const now = deps.clock.now();
  for (const grant of await deps.grants.listLiveGrants(userId)) {
    const ending = startEnding(grant, 'leaver', now);
    if (!ending) continue;
    await deps.store.commit({
      at: now,
      actor: 'latchkey',
      surface: 'system',
      grants: [{ before: grant, after: ending, action: endingAction(ending) }],
      effects: [...endingEffects(ending), { kind: 'alert', requestId: grant.requestId, news: 'leaver' }],
    });
  }
  const open = (await deps.store.listRequestsBy(userId, 100)).filter((r) => r.status === 'pending' || r.status === 'blocked');
  for (const request of open) {
    const withdrawn = applyCancellation(request, request.requesterId, now);
    await deps.store.updateRequest(request, withdrawn, { actor: 'latchkey', action: 'request.cancelled_leaver', surface: 'system' }, [refreshOf(withdrawn)]);
  }
}
