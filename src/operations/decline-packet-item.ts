import { DomainError } from '../domain/errors.js';
import { applyCancellation } from '../domain/lifecycle.js';
import type { RequestId, UserId } from '../domain/types.js';
import { refreshOf } from './effects-of.js';
import type { Deps } from './ports.js';
import { loadRequest } from './support.js';

/**
 * A packet member declines an item asked for them: its request is cancelled (audited as
 * "declined by member"), its cards say so, and the item no longer counts towards readiness.
 * Only the member may: the request is theirs, whoever asked for it.
 */
export async function declinePacketItem(deps: Deps, requestId: RequestId, actor: UserId): Promise<{ announce(): Promise<void> }> {
  if (!(await deps.packets.findByRequest(requestId))) throw new DomainError('UNKNOWN_PACKET');
  const before = await loadRequest(deps, requestId);
  const now = deps.clock.now();
  const after = applyCancellation(before, actor, now);
  const change = { at: now, actor, surface: 'button' as const, requests: [{ before, after, action: 'request.declined' }], effects: [refreshOf(after)] };
  if (!(await deps.store.commit(change))) throw new DomainError('NOT_PENDING', { requestId });
  // The request is what counts; the item's mark follows it, and a repeat click makes it again.
  await deps.packets.decline(requestId, now);
  return { announce: () => deps.runEffects(requestId) };
}
