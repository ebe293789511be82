/**
 * What the use cases need from the outside world, named by capability. Adapters in
 * store/, slack/ and drafting/ implement these; tests can too.
 */
import type { NewRequest } from '../domain/lifecycle.js';
import type { CredentialKind } from '../domain/credentials/detect-credentials.js';
import type { Digest, DigestInput } from '../domain/digest.js';
import type { Advice } from '../domain/merge-advice.js';
import type { AccessRequest, Catalog, Draft, Grant, Organisation, Person, RequestId, Role, System, UserId } from '../domain/types.js';

/** Where a change came from, for the audit log. */
export type Surface = 'slash_command' | 'modal' | 'button' | 'message' | 'job' | 'system';

/** Who did what, from where: the part of an audit event the caller knows. */
export interface AuditContext {
  actor: UserId | 'latchkey';
  action: string;
  surface: Surface;
}

export interface Store {
  /** Stores a new request and its audit event; throws DUPLICATE_REQUEST if one is open. */
  createRequest(request: NewRequest, audit: AuditContext): Promise<AccessRequest>;
  /**
   * Writes `after` only if the stored request is still at `before.version`, with its audit
   * event, in one transaction. False when someone else changed it first.
   */
  updateRequest(before: AccessRequest, after: AccessRequest, audit: AuditContext): Promise<boolean>;
  getRequest(id: RequestId): Promise<AccessRequest | undefined>;
  /** The requester's pending, blocked or approved request for this role, if any. */
  findOpenRequest(requesterId: UserId, systemId: string, roleId: string): Promise<AccessRequest | undefined>;
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
  recordEvent(audit: AuditContext, requestId: RequestId, details: Record<string, unknown>): Promise<void>;
}

/** A credential someone tried to share: its kind and fingerprint, never its value. */
export interface Exposure {
  kind: CredentialKind;
  /** Words for people, e.g. "an AWS secret access key". */
  label: string;
  fingerprint: string;
}

export interface CredentialAttempt extends Exposure {
  poster: UserId;
  surface: Surface;
  at: Date;
  channel?: string;
  ts?: string;
  requestId?: RequestId;
}

/** A credential posted in a Slack conversation, and what Latchkey knows around it. */
export interface Incident {
  poster: UserId;
  channel: string;
  ts: string;
  threadTs?: string;
  exposures: Exposure[];
  /** The system the message concerns, when it can be told: for safe-sharing advice. */
  system?: System;
  /** The request whose card thread it was posted in. */
  requestId?: RequestId;
}

export interface CredentialAlerts {
  /** Deletes the message, when an admin user token allows it; false when it could not. */
  removeMessage(incident: Incident): Promise<boolean>;
  /** Tells the poster, and only them, what was found and how to share access safely. */
  warnPoster(incident: Incident, removed: boolean): Promise<void>;
  /** Tells security who, where, what kind and which fingerprint. */
  alertSecurity(incident: Incident, removed: boolean): Promise<void>;
}

/** What the drafting advisor is shown: the catalog entry, the purpose, the requester's title. */
export interface DraftRequest {
  system: System;
  purpose: string;
  requesterTitle?: string;
  asked: { roleId: string; durationMinutes: number };
  /** The policy's draft: the advisor may only narrow it. */
  policy: Draft;
}

/** The advisor's answer, or why there is none (timeout, HTTP error, refusal, invalid output). */
export type DraftAdvice = { advice: Advice } | { failure: string };

export interface Drafter {
  propose(request: DraftRequest): Promise<DraftAdvice>;
}

/** A grant with the catalog entries it names and the grantee's email, for revokers. */
export interface GrantView {
  grant: Grant;
  system: System;
  role: Role;
  /** From the Slack profile, when visible: webhook receivers match accounts by it. */
  email?: string;
}

/**
 * Provisions and removes access on a system. `revoke` resolves 'removed' when removal is
 * confirmed, or 'task_sent' when a person must confirm it (manual revoker); it throws when
 * the attempt failed and should be retried.
 */
export interface Revoker {
  grant(view: GrantView): Promise<void>;
  revoke(view: GrantView): Promise<'removed' | 'task_sent'>;
}

/** A revoker for each catalog revoker type, chosen per system. */
export type Revokers = (system: System) => Revoker;

/** A keyed one-way fingerprint: repeats of one secret can be matched, the secret not recovered. */
export type Fingerprint = (secret: string) => string;

/** News for the requester about their request. */
export type RequesterNews = 'submitted' | 'step_approved' | 'approved' | 'denied' | 'cancelled' | 'blocked';

export interface Notifier {
  /** Posts approval cards for the request's current step to its approvers. */
  sendApprovalCards(request: AccessRequest): Promise<void>;
  /** Brings every card ever posted for the request up to date. */
  refreshApprovalCards(request: AccessRequest): Promise<void>;
  tellRequester(request: AccessRequest, news: RequesterNews): Promise<void>;
  /** Brings the requester's confirmation (with the draft and its buttons) up to date. */
  refreshRequesterDraft(request: AccessRequest): Promise<void>;
  /** Tells the coordinators about a request nobody can move: it needs a person to fix it. */
  tellCoordinators(request: AccessRequest): Promise<void>;
  /** Reminds the current step's approvers that the request waits on them. */
  remindApprovers(request: AccessRequest, waitingMinutes: number): Promise<void>;
  /** Tells security reviewers and coordinators that a step has waited too long. */
  escalate(request: AccessRequest, waitingMinutes: number): Promise<void>;
  /** Tells the grantee about their access: granted (and until when), ending soon, ended. */
  tellGrantee(grant: Grant, news: GranteeNews): Promise<void>;
  /** Sends the day's digest to each recipient by DM. */
  sendDigest(recipients: UserId[], digest: Digest, date: string): Promise<void>;
  /** Shows on every deprovisioning task card that the removal was confirmed. */
  refreshDeprovisionTasks(grant: Grant): Promise<void>;
  /** Tells security and the system's owners about access that could not be removed, or a leaver's access. */
  alertOwnersAndSecurity(grant: Grant, news: 'revocation_failed' | 'leaver'): Promise<void>;
}

export type GranteeNews = 'granted' | 'ending_soon' | 'ended';

export interface Directory {
  person(id: UserId): Promise<Person | undefined>;
  /** The people behind a catalog reference: a user id, or a user group's members. */
  members(ref: string): Promise<UserId[]>;
}

export interface Clock {
  now(): Date;
}

/** The few logging calls the use cases make; pino fits it. */
export interface Log {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** The jobs Latchkey schedules; each runs one use case with the data it was given. */
export type JobName = 'remind-step' | 'escalate-step' | 'grant-expiry-notice' | 'attempt-revocation';

export interface JobData {
  requestId: number;
  stepIndex?: number;
  /**
   * Tells repeated runs of one job apart (a retry, a re-sent task): a job may not
   * reschedule itself, since Agenda clears a finished job's next run.
   */
  round?: number;
}

export interface Scheduler {
  /** Runs `job` at `at`. Scheduling the same job for the same data again replaces it. */
  schedule(job: JobName, data: JobData, at: Date): Promise<void>;
  /** True when `job` for `data` is waiting to run: how reconciliation finds lost jobs. */
  isScheduled(job: JobName, data: JobData): Promise<boolean>;
}

export interface Grants {
  /** Stores a new grant with its audit event; undefined when the request already has one. */
  createGrant(grant: Grant, audit: AuditContext): Promise<Grant | undefined>;
  getGrant(requestId: RequestId): Promise<Grant | undefined>;
  /** Writes `after` only over `before.version`, with its audit event. False when someone was first. */
  updateGrant(before: Grant, after: Grant, audit: AuditContext): Promise<boolean>;
  /** Active grants, and ending ones, optionally only one person's. */
  listLiveGrants(userId?: UserId): Promise<Grant[]>;
  /** Active grants whose end has passed, oldest first. */
  listExpired(now: Date, limit: number): Promise<Grant[]>;
}

/** What the daily digest is made from: open requests, revocations needing people, a day's numbers. */
export interface DigestSource {
  read(now: Date, dayStart: Date, dayEnd: Date): Promise<Omit<DigestInput, 'now' | 'today'>>;
}

/** How long to wait between failed revocation attempts, and how many to make. */
export interface RetryPolicy {
  revocationRetryMs: number;
  maxRevocationAttempts: number;
}

export interface Deps {
  catalog: Catalog;
  org: Organisation;
  store: Store;
  notifier: Notifier;
  directory: Directory;
  clock: Clock;
  log: Log;
  credentialAlerts: CredentialAlerts;
  fingerprint: Fingerprint;
  /** Absent when no LLM is configured: drafts are the policy's alone. */
  drafter?: Drafter;
  grants: Grants;
  revokers: Revokers;
  scheduler: Scheduler;
  retry: RetryPolicy;
  digests: DigestSource;
}

/**
 * A change that is stored, and the messages that tell people about it. Listeners
 * acknowledge Slack between the two, so nobody waits on notifications.
 */
export interface Changed {
  request: AccessRequest;
  announce(): Promise<void>;
}
