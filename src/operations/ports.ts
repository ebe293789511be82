/**
 * What the use cases need from the outside world, named by capability. Adapters in
 * store/, slack/ and drafting/ implement these; tests can too.
 */
import type { NewRequest } from '../domain/lifecycle.js';
import type { CredentialKind } from '../domain/credentials/detect-credentials.js';
import type { Digest, DigestInput } from '../domain/digest.js';
import type { AlertNews } from '../domain/effects.js';
import type { Advice } from '../domain/merge-advice.js';
import type { Effect, EffectKind } from '../domain/effects.js';
import type { GranteeNews, RequesterNews } from '../domain/news.js';
import type { AccessRequest, Catalog, Draft, Grant, Organisation, Person, RequestId, Role, System, UserId } from '../domain/types.js';

export type { GranteeNews, RequesterNews } from '../domain/news.js';

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
}

export interface Store {
  /**
   * Stores a new request, its audit event and the effects it causes; throws
   * DUPLICATE_REQUEST if one is open.
   */
  createRequest(request: NewRequest, audit: AuditContext, effects: (created: AccessRequest) => Effect[]): Promise<AccessRequest>;
  /** Commits a change whole; false when something in it had changed first. */
  commit(change: Change): Promise<boolean>;
  /** A change of one request: `after` over `before.version`, with its audit event and effects. */
  updateRequest(before: AccessRequest, after: AccessRequest, audit: AuditContext, effects?: Effect[]): Promise<boolean>;
  getRequest(id: RequestId): Promise<AccessRequest | undefined>;
  /** The requester's pending or blocked request for this role, if any. */
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
  recordEvent(audit: AuditContext, requestId: RequestId, details: Record<string, unknown>, at: Date): Promise<void>;
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
  /**
   * Tells security who typed a credential into a form or the slash command, what kind and
   * which fingerprint. Nothing was posted, so there is nothing to link to or delete.
   */
  alertSecurityOfTyped(attempt: { poster: UserId; surface: Surface; exposures: Exposure[] }): Promise<void>;
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

/** A system as a grant knows it: the catalog entry without its other roles. */
export type GrantSystem = Omit<System, 'roles'>;

/** A grant with the catalog entries it was made under and the grantee's email, for revokers. */
export interface GrantView {
  grant: Grant;
  system: GrantSystem;
  role: Role;
  /** Captured at grant time: webhook receivers match accounts by it. */
  email?: string;
  /** A manual task that owners left undone too long goes to security instead. */
  escalate?: boolean;
}

/**
 * Provisions and removes access on a system. Each call may be repeated after a crash and
 * must change nothing the second time; it throws when the attempt failed and should be
 * retried.
 */
export interface Revoker {
  /** 'granted' when access is in place now; 'task_sent' when a person must set it up. */
  grant(view: GrantView): Promise<'granted' | 'task_sent'>;
  /** 'removed' when removal is confirmed; 'task_sent' when a person must do it. */
  revoke(view: GrantView): Promise<'removed' | 'task_sent'>;
  /** An approved extension took over the same access with a later end. */
  extend(view: GrantView): Promise<void>;
}

/** A revoker for each catalog revoker type, chosen per system; throws when it cannot be built. */
export type Revokers = (system: GrantSystem) => Revoker;

/** A keyed one-way fingerprint: repeats of one secret can be matched, the secret not recovered. */
export type Fingerprint = (secret: string) => string;

export interface Notifier {
  /** Posts approval cards for the request's current step to its approvers. */
  sendApprovalCards(request: AccessRequest): Promise<void>;
  /** Brings every card ever posted for the request up to date. */
  refreshApprovalCards(request: AccessRequest): Promise<void>;
  /** Brings every card, task and message ever posted about the request and its grant up to date. */
  refreshMessages(request: AccessRequest, grant: Grant | undefined): Promise<void>;
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
  /** Tells security and the system's owners about access that needs people, or a leaver's access. */
  alertOwnersAndSecurity(grant: Grant, news: AlertNews): Promise<void>;
}

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
export type JobName = 'remind-step' | 'escalate-step' | 'grant-expiry-notice';

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
  getGrant(requestId: RequestId): Promise<Grant | undefined>;
  /** Grants not ended, optionally only one person's. */
  listLiveGrants(userId?: UserId): Promise<Grant[]>;
  /** The person's grant of this role that has not ended, if any. */
  findLiveGrant(userId: UserId, systemId: string, roleId: string): Promise<Grant | undefined>;
  /** Active grants whose end has passed, oldest first. */
  listExpired(now: Date, limit: number): Promise<Grant[]>;
  /**
   * Grants stuck since before `before`: ending with no removal, or provisioning with no
   * provisioning, pending or done (a crash before the outbox existed, a lost failure).
   */
  listStuckEnding(before: Date): Promise<Grant[]>;
  /**
   * Many grants' changes of one kind in one transaction (the expiry sweep): each applied
   * only over the version read, with its audit event and its effects. Returns those applied.
   */
  commitMany(moves: GrantMove[], effectsOf: (grant: Grant) => Effect[], audit: Omit<AuditContext, 'action'> & { at: Date }): Promise<Grant[]>;
}

export interface GrantMove {
  before: Grant;
  after: Grant;
  action: string;
}

/** An effect taken from the outbox to be carried out. */
export interface QueuedEffect {
  id: number;
  effect: Effect;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** The outbox as the effect runner sees it. */
export interface EffectQueue {
  /** Takes up to `limit` due effects (of one request, if given) under a lease. */
  claim(now: Date, leaseMs: number, limit: number, requestId?: RequestId): Promise<QueuedEffect[]>;
  done(id: number, now: Date): Promise<void>;
  /** Back in the queue, due at `at`. */
  retryAt(id: number, at: Date, error: string): Promise<void>;
  /** Given up on: people have been told. */
  fail(id: number, now: Date, error: string): Promise<void>;
  /** When the request's next outstanding effect can run, if it has any. */
  outstanding(requestId: RequestId): Promise<Date | undefined>;
  /** Puts a failed effect of this kind back in the queue (a person pressed Retry). */
  redo(kind: EffectKind, requestId: RequestId, now: Date): Promise<boolean>;
  /** Puts failed card posts back in the queue when their step still waits; how many. */
  redoUnsentCards(now: Date): Promise<number>;
}

/** What the daily digest is made from: open requests, revocations needing people, a day's numbers. */
export interface DigestSource {
  read(now: Date, dayStart: Date, dayEnd: Date): Promise<Omit<DigestInput, 'now' | 'today'>>;
}

/** How long to wait after a failed effect (doubling, with jitter), and how many attempts to make. */
export interface RetryPolicy {
  retryMs: number;
  maxAttempts: number;
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
  effects: EffectQueue;
  /** Carries out the request's outstanding effects now, in this process. */
  runEffects(requestId: RequestId): Promise<void>;
  revokers: Revokers;
  scheduler: Scheduler;
  retry: RetryPolicy;
  digests: DigestSource;
}

/**
 * A change that is stored with its effects, and a way to carry them out now. Listeners
 * acknowledge Slack between the two, so nobody waits on notifications; if the process dies
 * first, the effect runner carries them out later.
 */
export interface Changed {
  request: AccessRequest;
  announce(): Promise<void>;
}
