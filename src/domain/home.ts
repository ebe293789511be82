/**
 * What one person's Home shows, as plain data: their own requests and access, and the
 * work that waits on them as an approver, a coordinator or a security reviewer. Built by
 * the build-home use case, drawn by blocks/home.ts.
 */
import type { RequestWithGrant } from './access-status.js';
import type { BlockerLine, DigestStats } from './digest.js';
import type { PacketFigures } from './packets/summary.js';
import type { Delegation, Grant, RequestId, UserId } from './types.js';

/** The first items of a longer list, and how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** A refused credential as the audit log keeps it: kind, who, where; never the value. */
export interface CredentialAttemptRecord {
  at: Date;
  poster: UserId;
  /** Detector kind, e.g. `aws_secret_key`. */
  kind: string;
  surface: string;
  channel?: string;
  requestId?: RequestId;
}

/** A request waiting on someone, with since when and on whom (or on what hold). */
export type WaitLine = BlockerLine;

/** One of the person's own open requests: how long its current step usually waits, when known. */
export interface OpenLine extends WaitLine {
  typicalMinutes?: number;
}

export interface RequesterHome {
  /** Pending and blocked, oldest first. */
  open: Page<OpenLine>;
  /** Grants not ended, soonest end first. */
  live: Page<Grant>;
  /** The last ended requests (denied, cancelled, access ended), newest first. */
  ended: RequestWithGrant[];
}

export interface CoordinatorHome {
  /** Blocked requests, longest held first. */
  blocked: Page<WaitLine>;
  /** Pending requests waiting on approvers, longest first. */
  longestWaits: Page<WaitLine>;
  /** Yesterday's numbers, as the digest counts them. */
  yesterday: DigestStats;
  /** Yesterday, `YYYY-MM-DD` in the catalog's time zone. */
  yesterdayDate: string;
}

export interface SecurityHome {
  privileged: Page<Grant>;
  /** Grants whose provisioning or removal failed and needs people. */
  failed: Page<Grant>;
  attempts: CredentialAttemptRecord[];
}

export interface HomeData {
  userId: UserId;
  requester: RequesterHome;
  /** Present for approvers (owners, security) and anyone a request waits on. */
  approver?: Page<WaitLine>;
  /** For the catalog's approvers: the delegation of theirs that holds, if any. */
  away?: { delegation?: Delegation };
  coordinator?: CoordinatorHome;
  /** For coordinators: their project packets, at-risk first, and the readiness figure. */
  packets?: PacketFigures;
  security?: SecurityHome;
}

/** How many of the person's own requests and grants a list shows. */
export interface RequesterLimits {
  open: number;
  live: number;
  ended: number;
}

/**
 * `/access list`: the Home's first section alone, in a message (50 blocks at most), so with
 * room for more than the Home, which shares its 100 with the other sections.
 */
export const LIST_LIMITS: RequesterLimits = { open: 20, live: 10, ended: 10 };

/** How many of each list a Home shows, so the whole view stays within Slack's 100 blocks. */
export const HOME_LIMITS = {
  open: 10,
  live: 5,
  ended: 10,
  waiting: 10,
  blocked: 6,
  longestWaits: 6,
  privileged: 6,
  failed: 4,
  attempts: 8,
} as const;
