/**
 * Grants as pure transitions. Revocation is idempotent by construction: only an active
 * grant starts revoking, only a revoking one completes, and storage applies each change
 * over the version it was computed from.
 */
import { DomainError } from './errors.js';
import type { AccessRequest, Grant, RevokeReason, UserId } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The grant a fully approved request becomes at `now`, ending after the approved duration. */
export function grantFor(request: AccessRequest, now: Date): Grant {
  if (request.status !== 'approved') throw new DomainError('NOT_PENDING', { requestId: request.id, status: request.status });
  return {
    requestId: request.id,
    userId: request.requesterId,
    systemId: request.systemId,
    roleId: request.roleId,
    collection: request.draft.collection,
    grantedAt: now,
    expiresAt: new Date(now.getTime() + request.durationMinutes * MINUTE),
    status: 'active',
    attempts: 0,
    version: 1,
  };
}

/** When the grantee is warned that access ends: 24 h before, or at half-life for grants under 2 days. */
export function expiryNoticeAt(grant: Grant): Date {
  const length = grant.expiresAt.getTime() - grant.grantedAt.getTime();
  const before = length < 48 * HOUR ? length / 2 : 24 * HOUR;
  return new Date(grant.expiresAt.getTime() - before);
}

/**
 * Starts ending a grant. Returns undefined when it is already ending or ended, so a second
 * expiry, release or leaver event changes nothing.
 */
export function startRevocation(grant: Grant, reason: RevokeReason, now: Date, by?: UserId): Grant | undefined {
  if (grant.status !== 'active') return undefined;
  return { ...grant, status: 'revoking', revokeReason: reason, ...(by ? { revokedBy: by } : {}), version: grant.version + 1, revokedAt: now };
}

/** The revoker confirmed removal (or an owner pressed "Done, removed"). */
export function completeRevocation(grant: Grant, now: Date): Grant | undefined {
  if (grant.status !== 'revoking' && grant.status !== 'revocation_failed') return undefined;
  return { ...grant, status: 'revoked', revokedAt: now, version: grant.version + 1 };
}

/** One more failed attempt; past `maxAttempts` the grant is marked failed for people to resolve. */
export function recordRevocationFailure(grant: Grant, maxAttempts: number): Grant {
  const attempts = grant.attempts + 1;
  return { ...grant, attempts, status: attempts >= maxAttempts ? 'revocation_failed' : grant.status, version: grant.version + 1 };
}

/**
 * An approved extension takes over: the old grant ends without a revoker call, since the
 * same access carries on under the new grant.
 */
export function supersede(grant: Grant, now: Date): Grant | undefined {
  if (grant.status !== 'active') return undefined;
  return { ...grant, status: 'revoked', revokeReason: 'extended', revokedAt: now, version: grant.version + 1 };
}

/** Only the grantee may release their own access early. */
export function assertMayRelease(grant: Grant, actor: UserId): void {
  if (actor !== grant.userId) throw new DomainError('NOT_REQUESTER', { requestId: grant.requestId });
}
