import type { AccessRequest, UserId } from '../domain/types.js';
import type { Deps } from './ports.js';

/** The requester's ten most recent requests, newest first. */
export function listRequests(deps: Pick<Deps, 'store'>, requester: UserId): Promise<AccessRequest[]> {
  return deps.store.listRequestsBy(requester, 10);
}
