import { DomainError } from '../domain/errors.js';
import { clearCredentialBlock } from '../domain/lifecycle.js';
import type { RequestId, UserId } from '../domain/types.js';
import type { Changed, Deps } from './ports.js';
import { refreshOf } from './effects-of.js';
import { loadRequest, requireColleague } from './support.js';

/** An approver of the current step releases a request held for a posted credential. */
export async function clearHold(deps: Deps, id: RequestId, actor: UserId): Promise<Changed> {
  await requireColleague(deps, actor);
  const before = await loadRequest(deps, id);
  const after = clearCredentialBlock(before, actor, deps.clock.now());
  if (!(await deps.store.updateRequest(before, after, { actor, action: 'request.unblocked', surface: 'button' }, [refreshOf(after)]))) {
    throw new DomainError('NOT_BLOCKED', { requestId: id });
  }
  return { request: after, announce: () => deps.runEffects(id) };
}
