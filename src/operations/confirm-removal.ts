import { DomainError } from '../domain/errors.js';
import type { RequestId, UserId } from '../domain/types.js';
import { assertOwner, finishRevocation } from './end-grant.js';
import { loadGrant } from './grant-support.js';
import type { Deps } from './ports.js';
import { requireColleague } from './support.js';

/** An owner confirms, from the deprovisioning task, that they removed the access by hand. */
export async function confirmRemoval(deps: Deps, requestId: RequestId, actor: UserId): Promise<{ announce(): Promise<void> }> {
  await requireColleague(deps, actor);
  const grant = await loadGrant(deps, requestId);
  await assertOwner(deps, grant, actor);
  const done = await finishRevocation(deps, grant, actor);
  if (!done) throw new DomainError('NOT_PENDING', { requestId, status: grant.status === 'revoked' ? 'already removed' : 'not being removed' });
  return { announce: () => deps.notifier.refreshDeprovisionTasks(done) };
}
