import { DomainError } from '../domain/errors.js';
import { applyCancellation } from '../domain/lifecycle.js';
import type { RequestId, UserId } from '../domain/types.js';
import type { Changed, Deps, Surface } from './ports.js';
import { refreshOf } from './effects-of.js';
import { loadRequest } from './support.js';

/** The requester withdraws their own pending or blocked request; the cards say so. */
export async function cancelRequest(deps: Deps, id: RequestId, actor: UserId, surface: Surface): Promise<Changed> {
  const before = await loadRequest(deps, id);
  const after = applyCancellation(before, actor, deps.clock.now());
  if (!(await deps.store.updateRequest(before, after, { actor, action: 'request.cancelled', surface }, [refreshOf(after)]))) {
    throw new DomainError('NOT_PENDING', { requestId: id });
  }
  return { request: after, announce: () => deps.runEffects(id) };
}
