/**
 * What the use cases need from the outside world: one port per file in ports/, named by
 * capability, and here the set of them a use case is given. Adapters in store/, slack/,
 * revokers/ and drafting/ implement them; tests can too.
 */
import type { AccessRequest, Catalog, Organisation, RequestId } from '../domain/types.js';
import type { AuditTrail } from './ports/audit-trail.js';
import type { Clock } from './ports/clock.js';
import type { Delegations } from './ports/delegations.js';
import type { DecisionTimes } from './ports/decision-times.js';
import type { CredentialAlerts, Fingerprint } from './ports/credential-alerts.js';
import type { DigestSource } from './ports/digest-source.js';
import type { Directory } from './ports/directory.js';
import type { Drafter } from './ports/drafter.js';
import type { EffectQueue, WaitingClicks } from './ports/effect-queue.js';
import type { Grants } from './ports/grants.js';
import type { HomePublisher } from './ports/home-publisher.js';
import type { HomeSource } from './ports/home-source.js';
import type { Log } from './ports/log.js';
import type { Notifier } from './ports/notifier.js';
import type { PacketNotifier, Packets } from './ports/packets.js';
import type { Revokers } from './ports/revoker.js';
import type { Scheduler } from './ports/scheduler.js';
import type { Store } from './ports/store.js';

export type * from './ports/store.js';
export type * from './ports/credential-alerts.js';
export type * from './ports/drafter.js';
export type * from './ports/revoker.js';
export type * from './ports/notifier.js';
export type * from './ports/directory.js';
export type * from './ports/clock.js';
export type * from './ports/log.js';
export type * from './ports/scheduler.js';
export type * from './ports/grants.js';
export type * from './ports/effect-queue.js';
export type * from './ports/digest-source.js';
export type * from './ports/home-source.js';
export type * from './ports/home-publisher.js';
export type * from './ports/packets.js';
export type * from './ports/delegations.js';
export type * from './ports/decision-times.js';
export type * from './ports/audit-trail.js';
export type { GranteeNews, RequesterNews, RequesterNewsStep } from '../domain/news.js';

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
  waitingClicks: WaitingClicks;
  /** Carries out the request's outstanding effects now, in this process. */
  runEffects(requestId: RequestId): Promise<void>;
  revokers: Revokers;
  scheduler: Scheduler;
  retry: RetryPolicy;
  digests: DigestSource;
  /** What people's Homes are read from, and how they are kept up to date. */
  homes: HomeSource;
  homePublisher: HomePublisher;
  /** Approvers away, and whom they delegated to until when. */
  delegations: Delegations;
  /** How long decisions took lately: what a requester can expect. */
  decisionTimes: DecisionTimes;
  /** The audit chain, for security reviewers' exports. */
  auditTrail: AuditTrail;
  /** Project packets, and their tracker and questions in Slack. */
  packets: Packets;
  packetNotifier: PacketNotifier;
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
