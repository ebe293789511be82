/** Who may say a packet item's access works, and when. */
import { DomainError } from '../errors.js';
import type { Grant, UserId } from '../types.js';

/**
 * The grantee, who tried it, or an owner of the system, who checked it for them; only while
 * the access is active (after provisioning, before it ends).
 */
export function assertMayVerify(grant: Grant, actor: UserId, isOwner: boolean): void {
  if (actor !== grant.userId && !isOwner) throw new DomainError('MAY_NOT_VERIFY', { requestId: grant.requestId });
  if (grant.status !== 'active') throw new DomainError('GRANT_NOT_LIVE', { requestId: grant.requestId, status: grant.status });
}
