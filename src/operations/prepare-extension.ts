import { assertMayRelease } from '../domain/grants.js';
import type { AccessRequest, RequestId, UserId } from '../domain/types.js';
import { loadGrant } from './grant-support.js';
import type { Deps } from './ports.js';
import { loadRequest } from './support.js';

/** The request to prefill an extension with: the grantee's own, while its grant is live. */
export async function prepareExtension(deps: Deps, requestId: RequestId, actor: UserId): Promise<AccessRequest> {
  const grant = await loadGrant(deps, requestId);
  assertMayRelease(grant, actor);
  return loadRequest(deps, requestId);
}
