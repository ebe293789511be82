import { assertMayExtend } from '../domain/grants.js';
import type { AccessRequest, RequestId, UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { loadRequest } from './support.js';

/** The request to prefill an extension with: the grantee's own, while its grant is active. */
export async function prepareExtension(deps: Deps, requestId: RequestId, actor: UserId): Promise<AccessRequest> {
  const request = await loadRequest(deps, requestId);
  assertMayExtend(await deps.grants.getGrant(requestId), actor, request.systemId, request.roleId);
  return request;
}
