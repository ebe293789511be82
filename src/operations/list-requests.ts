import type { RequestWithGrant } from '../domain/access-status.js';
import type { UserId } from '../domain/types.js';
import type { Deps } from './ports.js';

/** The requester's ten most recent requests, newest first, each with its grant. */
export async function listRequests(deps: Pick<Deps, 'store' | 'grants'>, requester: UserId): Promise<RequestWithGrant[]> {
  const requests = await deps.store.listRequestsBy(requester, 10);
  return Promise.all(
    requests.map(async (request) => {
      const grant = request.status === 'approved' ? await deps.grants.getGrant(request.id) : undefined;
      return grant ? { request, grant } : { request };
    }),
  );
}
