/**
 * Grants as pure transitions with guards. Each returns the next grant, or undefined when
 * the grant is not in a state the change applies to, so a repeated expiry, release or
 * confirmation changes nothing. Storage applies each change over the version it read.
 *
 *   provisioning ──provisioned──▶ active ──end──▶ ending ──removed──▶ ended
 *        │ ╲ failed                 │ extended                │ failed
 *        ▼  ▶ provisioning_failed   ▼                          ▼
 *      ended (never provisioned)  ended                  revocation_failed ──removed──▶ ended
 */
import { DomainError } from './errors.js';
import type { AccessRequest, Catalog, EndReason, Grant, GrantTerms, Role, System, UserId } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The catalog entries a grant keeps, without the system's other roles. */
export function termsOf(system: System, role: Role): GrantTerms {
  const { roles: _others, ...rest } = system;
  return { system: rest, role };
}

/**
 * The grant a fully approved request becomes at `now`. An extension of a grant that is
 * still active starts where that one ends, with no gap and no overlap, and needs no
 * provisioning: the access is already in place.
 */
export function grantFor(request: AccessRequest, terms: GrantTerms, now: Date, extended?: Grant, email?: string): Grant {
  if (request.status !== 'approved') throw new DomainError('NOT_PENDING', { requestId: request.id, status: request.status });
  const carriesOn = extended?.status === 'active';
  const from = carriesOn ? extended.expiresAt : now;
  return {
    requestId: request.id,
    userId: request.requesterId,
    systemId: request.systemId,
    roleId: request.roleId,
    collection: request.draft.collection,
    grantedAt: now,
    expiresAt: new Date(from.getTime() + request.durationMinutes * MINUTE),
    status: carriesOn ? 'active' : 'provisioning',
    attempts: 0,
    version: 1,
    terms,
    ...(email ? { email } : {}),
  };
}

/**
 * The system and role a request or grant names: the catalog's current entries (owners
 * change), or, for a grant whose entry was removed since, the terms it was made under.
 */
export function entriesFor(catalog: Catalog, systemId: string, roleId: string, terms?: GrantTerms): { system: System; role: Role } | undefined {
  const system = catalog.systems.find((candidate) => candidate.id === systemId);
  const role = system?.roles.find((candidate) => candidate.id === roleId);
  if (system && role) return { system, role };
  return terms && { system: { ...terms.system, roles: [terms.role] }, role: terms.role };
}

/** When the grantee is warned that access ends: 24 h before, or at half-life for grants under 2 days. */
export function expiryNoticeAt(grant: Grant): Date {
  const length = grant.expiresAt.getTime() - grant.grantedAt.getTime();
  const before = length < 48 * HOUR ? length / 2 : 24 * HOUR;
  return new Date(grant.expiresAt.getTime() - before);
}

/** The access is in place: the revoker confirmed it, or an owner set it up by hand. */
export function activate(grant: Grant): Grant | undefined {
  if (grant.status !== 'provisioning' && grant.status !== 'provisioning_failed') return undefined;
  return { ...bump(grant), status: 'active', attempts: 0 };
}

export function failProvisioning(grant: Grant): Grant | undefined {
  if (grant.status !== 'provisioning') return undefined;
  return { ...bump(grant), status: 'provisioning_failed' };
}

/**
 * Starts ending a grant. Access that was never put in place ends at once, with nothing
 * to remove; access in place goes to `ending` for its revoker. Undefined when already
 * ending or ended, so a second expiry, release or leaver event changes nothing.
 */
export function startEnding(grant: Grant, reason: EndReason, now: Date, by?: UserId): Grant | undefined {
  const provisioned = grant.status === 'active';
  if (!provisioned && grant.status !== 'provisioning' && grant.status !== 'provisioning_failed') return undefined;
  return { ...bump(grant), status: provisioned ? 'ending' : 'ended', endReason: reason, endedAt: now, attempts: 0, ...(by ? { endedBy: by } : {}) };
}

/** True when ending this grant leaves something on the target system to remove. */
export const needsRemoval = (grant: Grant): boolean => grant.status === 'ending';

/** The revoker confirmed removal (or a person pressed "Done, removed"). */
export function finishEnding(grant: Grant, now: Date, by?: UserId): Grant | undefined {
  if (grant.status !== 'ending' && grant.status !== 'revocation_failed') return undefined;
  return { ...bump(grant), status: 'ended', endedAt: now, ...(by && !grant.endedBy ? { endedBy: by } : {}) };
}

export function failRevocation(grant: Grant): Grant | undefined {
  if (grant.status !== 'ending') return undefined;
  return { ...bump(grant), status: 'revocation_failed' };
}

/**
 * An approved extension takes over: the old grant ends without a revoker call, since the
 * same access carries on under the new grant.
 */
export function supersede(grant: Grant, now: Date): Grant | undefined {
  if (grant.status !== 'active') return undefined;
  return { ...bump(grant), status: 'ended', endReason: 'extended', endedAt: now };
}

/** Who may end a grant early: the grantee releases their own; owners and security revoke any. */
export interface EndingRights {
  isOwner: boolean;
  isSecurity: boolean;
}

export function assertMayEnd(grant: Grant, actor: UserId, reason: 'released' | 'revoked', rights: EndingRights): void {
  if (reason === 'released' && actor !== grant.userId) throw new DomainError('NOT_GRANTEE', { requestId: grant.requestId });
  if (reason === 'revoked' && !rights.isOwner && !rights.isSecurity) {
    throw new DomainError('MAY_NOT_END_GRANT', { requestId: grant.requestId });
  }
}

/** An extension is asked by the grantee, from an active grant, for the same system and role. */
export function assertMayExtend(grant: Grant | undefined, requester: UserId, systemId: string, roleId: string): void {
  if (!grant || grant.userId !== requester) throw new DomainError('NOT_GRANTEE', { field: 'purpose', ...(grant ? { requestId: grant.requestId } : {}) });
  if (grant.status !== 'active') throw new DomainError('GRANT_NOT_LIVE', { field: 'purpose', requestId: grant.requestId, status: grant.status });
  if (grant.systemId !== systemId || grant.roleId !== roleId) {
    throw new DomainError('EXTENSION_MISMATCH', { field: grant.systemId !== systemId ? 'system' : 'role', requestId: grant.requestId });
  }
}

function bump(grant: Grant): Grant {
  return { ...grant, version: grant.version + 1 };
}
