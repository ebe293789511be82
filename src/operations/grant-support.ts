/** What the grant use cases share: the grant with its catalog entries, and its schedule. */
import { DomainError } from '../domain/errors.js';
import { expiryNoticeAt } from '../domain/grants.js';
import type { Grant, RequestId } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Deps, GrantView } from './ports.js';

export async function loadGrant(deps: Pick<Deps, 'grants'>, id: RequestId): Promise<Grant> {
  const grant = await deps.grants.getGrant(id);
  if (!grant) throw new DomainError('UNKNOWN_REQUEST', { requestId: id });
  return grant;
}

/** The grant with its system, role and the grantee's email, as revokers need it. */
export async function viewOfGrant(deps: Pick<Deps, 'catalog' | 'directory'>, grant: Grant): Promise<GrantView> {
  const person = await deps.directory.person(grant.userId).catch(() => undefined);
  return { grant, ...resolveRole(deps.catalog, grant.systemId, grant.roleId), ...(person?.email ? { email: person.email } : {}) };
}

/**
 * The grantee's warning before the end. The end itself needs no job of its own: the
 * expiry sweep (every few seconds) ends every grant past its time, thousands at once if
 * need be. Scheduling again replaces, so this is safe to repeat.
 */
export async function scheduleExpiryNotice(deps: Pick<Deps, 'scheduler'>, grant: Grant): Promise<void> {
  await deps.scheduler.schedule('grant-expiry-notice', { requestId: grant.requestId }, expiryNoticeAt(grant));
}
