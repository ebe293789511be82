import { DomainError } from '../domain/errors.js';
import { applyCancellation } from '../domain/lifecycle.js';
import type { RequestId, UserId } from '../domain/types.js';
import type { Changed, Deps } from './ports.js';
import { loadRequest, notifySafely } from './support.js';

/** The requester withdraws their own pending or blocked request; the cards say so. */
export async function cancelRequest(deps: Deps, id: RequestId, actor: UserId): Promise<Changed> {
  const before = await loadRequest(deps, id);
  const after = applyCancellation(before, actor, deps.clock.now());
  if (!(await deps.store.updateRequest(before, after, { actor, action: 'request.cancelled', surface: 'slash_command' }))) {
    throw new DomainError('NOT_PENDING', { requestId: id });
  }
  return { request: after, announce: () => notifySafely(deps, after, () => deps.notifier.refreshApprovalCards(after)) };
}
