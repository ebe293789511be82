/**
 * What a person reads as a request's status: the request's own until it is approved, then
 * its grant's, so that `/access list`, cards, the digest and `/metrics` agree that access
 * which ended has ended.
 */
import type { AccessRequest, Grant, GrantStatus, RequestStatus } from './types.js';

export type AccessStatus = Exclude<RequestStatus, 'approved'> | 'approved' | GrantStatus;

/** A request with the grant it became, if it did. */
export interface RequestWithGrant {
  request: AccessRequest;
  grant?: Grant;
}

export function accessStatus({ request, grant }: RequestWithGrant): AccessStatus {
  return request.status === 'approved' && grant ? grant.status : request.status;
}
