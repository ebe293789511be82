/** Where requests live, and how a change is committed whole with its audit events and effects. */
import type { Effect } from '../../domain/effects.js';
import type { NewRequest } from '../../domain/lifecycle.js';
import type { AccessRequest, Grant, RequestId, UserId } from '../../domain/types.js';
import type { CredentialAttempt } from './credential-alerts.js';

/** Where a change came from, for the audit log. */
export type Surface = 'slash_command' | 'modal' | 'button' | 'message' | 'job' | 'system';

/** Who did what, from where: the part of an audit event the caller knows. */
export interface AuditContext {
  actor: UserId | 'latchkey';
  action: string;
  surface: Surface;
}

/**
 * One state change: requests and grants moved over the versions read, one audit event
 * each, and the effects they cause, committed together or not at all.
 */
export interface Change {
  at: Date;
  actor: UserId | 'latchkey';
  surface: Surface;
  requests?: { before: AccessRequest; after: AccessRequest; action: string }[];
  /** A grant without `before` is new. */
  grants?: { before?: Grant; after: Grant; action: string }[];
  effects?: Effect[];
  /** The effect whose outcome this change records, settled in the same transaction. */
  settles?: { id: number; status: 'done' | 'failed'; error?: string };
  /** A recurring job's run for one period: the change commits only where no process claimed it first. */
  claims?: { job: string; period: string };
}

/** What stops a person asking for a role: their open request for it, or a grant of it they hold. */
export interface Clash {
  openRequestId?: RequestId;
  heldRequestId?: RequestId;
}

/** A submission to record before Slack is answered: its effect, whose request id is drawn as it is recorded. */
export type SubmissionToRecord = Omit<Extract<Effect, { kind: 'submit_request' }>, 'requestId'>;

/** The submission a new request carries out: its id drawn then, and its effect, settled with it. */
export interface RecordedSubmission {
  id: RequestId;
  effectId: number;
}

export interface Store {
  /**
   * Stores a new request, its audit event and the effects it causes; throws
   * DUPLICATE_REQUEST if one is open.
   */
  createRequest(request: NewRequest, audit: AuditContext, effects: (created: AccessRequest) => Effect[], recorded?: RecordedSubmission): Promise<AccessRequest>;
  /**
   * Records a submission unless something clashes (then says what): the new request's id
   * drawn, and the effect that will store the request under it. One statement; throws
   * DUPLICATE_REQUEST when the same role's submission is already waiting to be stored.
   */
  recordSubmission(submission: SubmissionToRecord): Promise<Clash & { requestId?: RequestId }>;
  /** Commits a change whole; false when something in it had changed first. */
  commit(change: Change): Promise<boolean>;
  /** A change of one request: `after` over `before.version`, with its audit event and effects. */
  updateRequest(before: AccessRequest, after: AccessRequest, audit: AuditContext, effects?: Effect[]): Promise<boolean>;
  getRequest(id: RequestId): Promise<AccessRequest | undefined>;
  /** What stops the person asking for this role now; a grant being extended does not. */
  findClash(requesterId: UserId, systemId: string, roleId: string, extending?: RequestId): Promise<Clash>;
  listRequestsBy(requesterId: UserId, limit: number): Promise<AccessRequest[]>;
  /** Pending requests whose current step has no approvers yet: stored, never routed. */
  listUnrouted(): Promise<AccessRequest[]>;
  /** Pending requests whose current step has its approvers: waiting on people. */
  listWaiting(): Promise<AccessRequest[]>;
  /** The request whose approval card is the message `ts` in `channel`, if any. */
  findRequestByCard(channel: string, ts: string): Promise<AccessRequest | undefined>;
  /**
   * Audits refused credentials, one event each; returns those not seen before (Slack can
   * deliver the same message twice).
   */
  recordCredentialAttempts(attempts: CredentialAttempt[]): Promise<CredentialAttempt[]>;
  /** Audits something that changed no request, e.g. a drafting advisor that did not answer. */
  recordEvent(audit: AuditContext, requestId: RequestId, details: Record<string, unknown>, at: Date): Promise<void>;
}
