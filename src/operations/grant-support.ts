/** What the grant use cases share: the grant with its terms, who may act on it, its schedule. */
import { DomainError } from '../domain/errors.js';
import { entriesFor, expiryNoticeAt, type EndingRights } from '../domain/grants.js';
import type { Grant, RequestId, UserId } from '../domain/types.js';
import type { Deps, GrantView } from './ports.js';
import { everyone } from './support.js';

export async function loadGrant(deps: Pick<Deps, 'grants'>, id: RequestId): Promise<Grant> {
  const grant = await deps.grants.getGrant(id);
  if (!grant) throw new DomainError('UNKNOWN_REQUEST', { requestId: id });
  return grant;
}

/**
 * The grant with the system and role it was made under. The catalog's current entry wins
 * (owners change); a system or role removed since is still known from the grant's terms,
 * so its access still ends through the revoker that put it in place.
 */
export function viewOfGrant(deps: Pick<Deps, 'catalog'>, grant: Grant): GrantView | undefined {
  const entries = entriesFor(deps.catalog, grant.systemId, grant.roleId, grant.terms);
  return entries && { grant, ...entries, ...(grant.email ? { email: grant.email } : {}) };
}

/** Owners of the grant's system (user groups expanded), and security reviewers. */
export async function grantRights(deps: Pick<Deps, 'catalog' | 'directory'>, grant: Grant, actor: UserId): Promise<EndingRights & { isCoordinator: boolean }> {
  const owners = viewOfGrant(deps, grant)?.system.owners ?? [];
  const [ownerIds, securityIds, coordinatorIds] = await Promise.all([
    everyone(deps.directory, owners),
    everyone(deps.directory, deps.catalog.security.reviewers),
    everyone(deps.directory, deps.catalog.coordinators),
  ]);
  return { isOwner: ownerIds.includes(actor), isSecurity: securityIds.includes(actor), isCoordinator: coordinatorIds.includes(actor) };
}

/**
 * The grantee's warning before the end. The end itself needs no job of its own: the
 * expiry sweep (every few seconds) ends every grant past its time, thousands at once if
 * need be. Scheduling again replaces, so this is safe to repeat.
 */
export async function scheduleExpiryNotice(deps: Pick<Deps, 'scheduler'>, grant: Grant): Promise<void> {
  await deps.scheduler.schedule('grant-expiry-notice', { requestId: grant.requestId }, expiryNoticeAt(grant));
}
