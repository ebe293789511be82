/** What a person's Home is read from: lists capped in the database, with their full counts. */
import type { RequestWithGrant } from '../../domain/access-status.js';
import type { CredentialAttemptRecord, Page } from '../../domain/home.js';
import type { AccessRequest, Grant, UserId } from '../../domain/types.js';

export interface HomeSource {
  /** The person's pending and blocked requests, longest waiting first. */
  openRequestsOf(userId: UserId, limit: number): Promise<Page<AccessRequest>>;
  /** The person's requests that ended (denied, cancelled, or their access ended), newest first. */
  endedRequestsOf(userId: UserId, limit: number): Promise<RequestWithGrant[]>;
  /** Pending requests whose current step the person may decide, longest waiting first. */
  waitingOn(userId: UserId, limit: number): Promise<Page<AccessRequest>>;
  /** Blocked requests, longest held first. */
  blockedRequests(limit: number): Promise<Page<AccessRequest>>;
  /** Pending requests that have their approvers, longest waiting first. */
  longestWaits(limit: number): Promise<Page<AccessRequest>>;
  /** Active grants of privileged roles (given as `system:role`, or by the grant's own terms), soonest end first. */
  privilegedGrants(privilegedRoles: readonly string[], limit: number): Promise<Page<Grant>>;
  /** Grants whose provisioning or removal failed, oldest first. */
  failedGrants(limit: number): Promise<Page<Grant>>;
  /** The last refused credentials, newest first. */
  credentialAttempts(limit: number): Promise<CredentialAttemptRecord[]>;
}
