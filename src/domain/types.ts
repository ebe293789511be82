/**
 * The words of the product as types. Pure data: no Slack, SQL or HTTP shapes live here.
 * See design.md for the vocabulary.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A Slack user id (`U…` or `W…`). */
export type UserId = Brand<string, 'UserId'>;
/** The number behind a request's short id: `AR-1042` is request 1042. */
export type RequestId = Brand<number, 'RequestId'>;

export const asUserId = (id: string): UserId => id as UserId;
export const asRequestId = (id: number): RequestId => id as RequestId;

export const COLLECTION_METHODS = [
  'sso_group',
  'delegated_account',
  'vault_share',
  'temporary_link',
  'admin_invite',
] as const;
/** How access reaches the requester. Never email or chat: those leak credentials. */
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

export type Revoker =
  | { type: 'manual' }
  | { type: 'webhook'; url: string; secretEnv: string }
  | { type: 'slack_usergroup'; usergroup: string };

/** One kind of approval step in a role's chain. */
export type StepKind = 'owner' | 'security';
export type RiskLevel = 'low' | 'medium' | 'high';

export interface Role {
  id: string;
  name: string;
  description: string;
  privileged: boolean;
  risk: RiskLevel;
  /** Durations a requester may pick, in minutes, shortest first. */
  durations: number[];
  /** Longest grant the catalog allows, in minutes. */
  maxDuration: number;
  approvals: StepKind[];
  /** Where this role's access is handed over, when it differs from the system's. */
  handover?: string;
}

export interface System {
  id: string;
  name: string;
  description: string;
  /** Slack user ids (`U…`, `W…`) or user-group ids (`S…`). */
  owners: string[];
  /** When set, owner approval cards go to this channel instead of DMs. */
  approvalChannel?: string;
  clientOwned: boolean;
  collection: CollectionMethod[];
  /** Where access is handed over, for owners and requesters: "Okta group analytics-viewers". Never a secret. */
  handover?: string;
  revoker: Revoker;
  roles: Role[];
}

export interface CatalogSettings {
  timezone: string;
  /** Local time of day, `HH:MM`, in `timezone`. */
  digestTime: string;
  remindAfterMinutes: number;
  escalateAfterMinutes: number;
  /** A packet item not verified this long before its project's start is flagged. */
  startWarningMinutes: number;
}

/** One required item of a packet template: a role on a system, for how long. */
export interface PacketTemplateItem {
  systemId: string;
  roleId: string;
  durationMinutes: number;
}

/** A catalog template that prefills a project packet's items for every member. */
export interface PacketTemplate {
  id: string;
  name: string;
  startWarningMinutes: number;
  items: PacketTemplateItem[];
}

export interface Catalog {
  version: 1;
  settings: CatalogSettings;
  security: { reviewers: string[]; alertsChannel?: string };
  coordinators: string[];
  systems: System[];
  packets: PacketTemplate[];
}

export type RequestStatus = 'pending' | 'approved' | 'denied' | 'cancelled' | 'blocked';

export type Outcome = 'approved' | 'denied';

/**
 * What holds a request back: nobody but the requester could approve the step, or a
 * credential was posted in the request's thread and an approver has to clear it.
 */
export type BlockReason = 'no_eligible_approver' | 'no_reachable_owner' | 'unsafe_credential';

export interface Decision {
  by: UserId;
  outcome: Outcome;
  at: Date;
  /** Required on denial, shown to the requester. */
  reason?: string;
}

/** One step of the approval chain. Approvers are resolved when the step opens. */
export interface Step {
  kind: StepKind;
  /** Who may decide; empty until the step is routed. */
  approvers: UserId[];
  /** True when the requester was among this step's approvers and was taken out. */
  requesterExcluded?: boolean;
  /** Delegations that held when the step opened: its cards went to these delegates too. */
  delegates?: Delegation[];
  decision?: Decision;
}

/** An approver away: until `until`, someone else may decide their steps (domain/delegation.ts). */
export interface Delegation {
  approver: UserId;
  delegate: UserId;
  until: Date;
}

export const FLAG_CODES = [
  'privileged',
  'over_max_duration',
  'client_owned',
  'broader_than_purpose',
  'security_exception',
  'shared_credential',
  'unsafe_collection',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface Flag {
  code: FlagCode;
  reason: string;
}

/**
 * The least-privilege proposal attached to every request: the policy's, possibly
 * narrowed and explained by an advisor, never widened.
 */
export interface Draft {
  roleId: string;
  durationMinutes: number;
  reasons: string[];
  flags: Flag[];
  /** How access should reach the requester: the system's first allowed method. */
  collection: CollectionMethod;
  /** The advisor's short explanation, when one answered. */
  rationale?: string;
  /** The model that advised, recorded for the audit trail. */
  advisedBy?: string;
  /** What the requester did with a narrower suggestion. */
  choice?: 'kept' | 'switched';
}

/** What a person asks for, as typed into the modal. */
export interface RequestInput {
  requesterId: UserId;
  systemId: string;
  roleId: string;
  durationMinutes: number;
  purpose: string;
  /** Calendar date, `YYYY-MM-DD`. */
  neededBy?: string;
  projectTag?: string;
  /** The approved request this one extends; its grant gives way to the new one. */
  extendsRequestId?: RequestId;
  /**
   * Who asked on `requesterId`'s behalf (a packet's coordinator); `requesterId` is then the
   * grantee. Treated as a requester too: never an approver of it.
   */
  requestedBy?: UserId;
}

/** The Slack organisation Latchkey is installed in; only its members may request or decide. */
export interface Organisation {
  teamId: string;
  enterpriseId?: string;
}

/** What the directory knows of a person. */
export interface Person {
  id: UserId;
  name: string;
  teamId?: string;
  enterpriseId?: string;
  /** Slack Connect: a user from another organisation. */
  isStranger: boolean;
  deleted: boolean;
  isBot: boolean;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  tz?: string;
  /** Job title from the Slack profile, when filled in. */
  title?: string;
  /** From the Slack profile (needs users:read.email); how webhook receivers match accounts. */
  email?: string;
}

export interface AccessRequest extends RequestInput {
  id: RequestId;
  status: RequestStatus;
  steps: Step[];
  /** Index of the step being decided; equals `steps.length` once all are decided. */
  currentStep: number;
  draft: Draft;
  /** Why a blocked request is blocked. */
  blockReason?: BlockReason;
  /** Bumped by every change; storage updates only the version it read. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const formatRequestId = (id: RequestId): string => `AR-${id}`;

/** Reads `AR-1042` (any case, `AR` optional) back into a request id. */
export function parseRequestId(text: string): RequestId | undefined {
  const match = /^\s*(?:AR-?)?(\d{1,9})\s*$/i.exec(text);
  return match ? asRequestId(Number(match[1])) : undefined;
}

/**
 * Why access ended: its time ran out, the grantee released it, an owner or a security
 * reviewer revoked it, the person left, or an approved extension took over.
 */
export type EndReason = 'expired' | 'released' | 'revoked' | 'leaver' | 'extended';

/**
 * `provisioning` until the revoker (or an owner, by hand) has put the access in place;
 * `active` while it holds; `ending` while the revoker removes it (or an owner has the
 * removal task); `ended` once removal is confirmed. The two failures need people.
 */
export type GrantStatus = 'provisioning' | 'active' | 'ending' | 'ended' | 'provisioning_failed' | 'revocation_failed';

/** The catalog entries a grant was made under, kept so that it can end after a catalog edit. */
export interface GrantTerms {
  system: Omit<System, 'roles'>;
  role: Role;
}

/** What an approved request becomes: who has which role on which system, until when. */
export interface Grant {
  requestId: RequestId;
  userId: UserId;
  systemId: string;
  roleId: string;
  collection: CollectionMethod;
  grantedAt: Date;
  expiresAt: Date;
  status: GrantStatus;
  endReason?: EndReason;
  /** Who asked for an early end: the grantee, an owner, a security reviewer; absent for expiry. */
  endedBy?: UserId;
  /** When ending started, then when it was confirmed. */
  endedAt?: Date;
  /** Failed attempts of the revoker call in flight (provisioning or removal). */
  attempts: number;
  version: number;
  /** Absent only on grants made before Latchkey kept them. */
  terms?: GrantTerms;
  /** The grantee's email when the grant was made: webhook receivers match accounts by it. */
  email?: string;
}
