/**
 * The coordinators' daily digest: what holds requests back and for how long, grants whose
 * revocation needs people, and yesterday's measurements. Pure: the clock and the data come
 * in as arguments, so the same input always gives the same digest.
 */
import type { PacketFigures } from './packets/summary.js';
import type { AccessRequest, BlockReason, Grant, RequestStatus, UserId } from './types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A needed-by date this many days ahead or sooner (or already past) puts a request at risk. */
export const AT_RISK_DAYS = 2;

export interface DigestInput {
  now: Date;
  /**
   * Today's calendar date, `YYYY-MM-DD`, in the catalog's time zone: what needed-by dates
   * are compared with. Defaults to the UTC date of `now`.
   */
  today?: string;
  /** Pending and blocked requests; any other status is ignored. */
  open: AccessRequest[];
  /** Failed revocations, and active or revoking grants past their end. */
  grantsNeedingAttention: Grant[];
  /** Yesterday's numbers. */
  measurements: DayMeasurements;
  /** Project packets, listed before single requests. */
  packets?: PacketFigures;
}

export interface DayMeasurements {
  submitted: number;
  /** Requests that reached their outcome (approved or denied) that day. */
  completed: number;
  /** How long each request still waiting at the end of the day had been held back. */
  blockerAgesMinutes: number[];
  /** Security steps decided that day. */
  privilegedReviews: number;
  unsafeCredentialAttempts: number;
  revocationsDue: number;
  revocationsDone: number;
  /** Grants given after the request's needed-by date. */
  grantedLate: number;
}

/** What a blocked line waits for: people to decide, or a hold only people can lift. */
export type WaitingOn = { kind: 'approvers'; approvers: UserId[] } | { kind: 'hold'; reason?: BlockReason };

export interface BlockerLine {
  request: AccessRequest;
  /** Whole minutes since the request started waiting for what holds it now. */
  ageMinutes: number;
  waitingOn: WaitingOn;
  /** Needed by today, within AT_RISK_DAYS, or already past. */
  neededByAtRisk: boolean;
}

export interface DigestStats {
  submitted: number;
  completed: number;
  /** completed / submitted; undefined when nothing was submitted. May pass 1: older requests finish too. */
  completionRate?: number;
  medianBlockerAgeMinutes?: number;
  oldestBlockerAgeMinutes?: number;
  privilegedReviews: number;
  unsafeCredentialAttempts: number;
  revocationsDue: number;
  revocationsDone: number;
  /** revocationsDone / revocationsDue; undefined when none was due. */
  deprovisioningCompletion?: number;
  grantedLate: number;
}

export interface Digest {
  /** Oldest first. */
  blockers: BlockerLine[];
  /** The blockers whose needed-by date is at risk, oldest first. */
  atRisk: BlockerLine[];
  /** Failed first, then by when they should have ended. */
  revocations: Grant[];
  stats: DigestStats;
  /** Nothing blocked and no revocation needs people. */
  empty: boolean;
  /** Open and lately started project packets, at-risk first. */
  packets?: PacketFigures;
}

/** The part of a request that says since when it has waited. */
export interface WaitState {
  status: RequestStatus;
  createdAt: Date;
  updatedAt: Date;
  steps: readonly { decision?: { at: Date } }[];
}

export function buildDigest(input: DigestInput): Digest {
  const today = input.today ?? input.now.toISOString().slice(0, 10);
  const blockers = input.open
    .filter((request) => request.status === 'pending' || request.status === 'blocked')
    .map((request) => blockerLine(request, input.now, today))
    .sort((a, b) => b.ageMinutes - a.ageMinutes || a.request.id - b.request.id);
  const revocations = input.grantsNeedingAttention.filter((grant) => needsAttention(grant, input.now)).sort(byUrgency);
  return {
    blockers,
    atRisk: blockers.filter((line) => line.neededByAtRisk),
    revocations,
    stats: digestStats(input.measurements),
    empty: blockers.length === 0 && revocations.length === 0,
    ...(input.packets ? { packets: input.packets } : {}),
  };
}

/**
 * When a request started waiting for what holds it now. Not `updatedAt` for a pending
 * request: routing, advice and reminders bump it without anyone deciding anything.
 */
export function waitingSince(request: WaitState): Date {
  if (request.status === 'blocked') return request.updatedAt;
  return request.steps.findLast((step) => step.decision)?.decision?.at ?? request.createdAt;
}

export function blockerAgeMinutes(request: WaitState, at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - waitingSince(request).getTime()) / MINUTE));
}

/** A revocation people must finish: it failed, or the grant outlived its end. */
export function needsAttention(grant: Grant, now: Date): boolean {
  if (grant.status === 'revocation_failed') return true;
  return (grant.status === 'active' || grant.status === 'ending') && grant.expiresAt.getTime() <= now.getTime();
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

function blockerLine(request: AccessRequest, now: Date, today: string): BlockerLine {
  return {
    request,
    ageMinutes: blockerAgeMinutes(request, now),
    waitingOn: waitingOn(request),
    neededByAtRisk: request.neededBy !== undefined && daysBetween(today, request.neededBy) <= AT_RISK_DAYS,
  };
}

function waitingOn(request: AccessRequest): WaitingOn {
  if (request.status === 'blocked') return request.blockReason ? { kind: 'hold', reason: request.blockReason } : { kind: 'hold' };
  return { kind: 'approvers', approvers: request.steps[request.currentStep]?.approvers ?? [] };
}

function byUrgency(a: Grant, b: Grant): number {
  const failed = Number(b.status === 'revocation_failed') - Number(a.status === 'revocation_failed');
  return failed || a.expiresAt.getTime() - b.expiresAt.getTime() || a.requestId - b.requestId;
}

function digestStats(day: DayMeasurements): DigestStats {
  const { blockerAgesMinutes: ages, ...counts } = day;
  return {
    ...counts,
    completionRate: day.submitted > 0 ? day.completed / day.submitted : undefined,
    medianBlockerAgeMinutes: median(ages),
    oldestBlockerAgeMinutes: ages.length ? ages.reduce((a, b) => Math.max(a, b)) : undefined,
    deprovisioningCompletion: day.revocationsDue > 0 ? day.revocationsDone / day.revocationsDue : undefined,
  };
}
