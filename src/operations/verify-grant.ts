import { DomainError } from '../domain/errors.js';
import type { Effect } from '../domain/effects.js';
import { assertMayVerify } from '../domain/packets/verify.js';
import type { RequestId, UserId } from '../domain/types.js';
import { grantRights, loadGrant } from './grant-support.js';
import type { Deps } from './ports.js';
import { requireColleague } from './support.js';

/**
 * The grantee says a packet item's access works (or one of the system's owners does, for
 * them): the item is verified, audited as `grant.verified`, and the tracker and the
 * question are brought up to date. Only an active grant can be verified, once.
 */
export async function verifyGrant(deps: Deps, requestId: RequestId, actor: UserId): Promise<{ announce(): Promise<void> }> {
  await requireColleague(deps, actor);
  const grant = await loadGrant(deps, requestId);
  assertMayVerify(grant, actor, actor !== grant.userId && (await grantRights(deps, grant, actor)).isOwner);
  // The key is once per request: a grant is verified at most once.
  const refresh: Effect = { kind: 'refresh_messages', requestId, version: 'verified' };
  if (!(await deps.packets.verify(requestId, actor, deps.clock.now(), [refresh]))) {
    throw new DomainError('GRANT_NOT_LIVE', { requestId, status: grant.status });
  }
  return { announce: () => deps.runEffects(requestId) };
}
