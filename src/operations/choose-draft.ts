import { DomainError } from '../domain/errors.js';
import { chooseSuggestion } from '../domain/lifecycle.js';
import type { RequestId, UserId } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Changed, Deps } from './ports.js';
import { refreshOf } from './effects-of.js';
import { loadRequest } from './support.js';

/**
 * The requester answers a narrower suggestion before anyone has decided: switch to it
 * (the request becomes the suggestion, audited) or keep what they asked for.
 */
export async function chooseDraft(deps: Deps, id: RequestId, actor: UserId, choice: 'kept' | 'switched'): Promise<Changed> {
  const before = await loadRequest(deps, id);
  const { system } = resolveRole(deps.catalog, before.systemId, before.roleId);
  const after = chooseSuggestion(before, actor, choice, system, deps.clock.now());
  const action = choice === 'switched' ? 'request.narrowed' : 'draft.kept';
  if (!(await deps.store.updateRequest(before, after, { actor, action, surface: 'button' }, [refreshOf(after)]))) {
    throw new DomainError('NOT_PENDING', { requestId: id, status: 'being decided' });
  }
  return { request: after, announce: () => deps.runEffects(id) };
}
