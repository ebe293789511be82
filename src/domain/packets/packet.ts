/**
 * A project packet: everything a project needs, as items requested for each member on their
 * behalf by the coordinator. Pure data and the rules that read it; requests and grants keep
 * their own lifecycle, and an item's state is read from them.
 */
import type { AccessRequest, Grant, PacketTemplateItem, RequestId, UserId } from '../types.js';

export type PacketStatus = 'open' | 'closed';

export interface Packet extends PacketInput {
  id: number;
  /** An item not verified this long before the start is flagged. */
  startWarningMinutes: number;
  status: PacketStatus;
  createdAt: Date;
  closedAt?: Date;
  /** The coordinator's tracker message, once posted. */
  tracker?: { channel: string; ts: string };
}

/** Why an item was never requested: held for a person to fix, or against the catalog's policy. */
export interface Gate {
  kind: 'paused' | 'refused';
  reason: string;
}

/** One person × system × role × duration of a packet, and what became of it. */
export interface PacketItem {
  id: number;
  packetId: number;
  memberId: UserId;
  systemId: string;
  roleId: string;
  durationMinutes: number;
  /** `YYYY-MM-DD`; the planned start unless said otherwise. */
  neededBy?: string;
  /** The request made for it; absent when a gate stopped it. */
  requestId?: RequestId;
  gate?: Gate;
  /** The grantee said it works (or an owner did). */
  verifiedAt?: Date;
  verifiedBy?: UserId;
  /** The member said they don't need it: the request was cancelled. */
  declinedAt?: Date;
  /** When it was first flagged as late, so the nudge goes once. */
  flaggedAt?: Date;
}

/** What a coordinator fills in; items come from the template, one set per member. */
export interface PacketInput {
  name: string;
  /** The catalog template it is made from. */
  templateId: string;
  coordinatorId: UserId;
  members: UserId[];
  /** Calendar dates, `YYYY-MM-DD`, in the catalog's time zone. */
  plannedStart: string;
  projectEnd?: string;
  clientOwned: boolean;
  /** The project channel the tracker is posted in, instead of the coordinator's DM. */
  projectChannel?: string;
}

export type ItemState =
  | 'requested'
  | 'waiting'
  | 'paused'
  | 'refused'
  | 'denied'
  | 'cancelled'
  | 'declined'
  | 'approved'
  | 'provisioned'
  | 'verified'
  | 'ended';

/** An item with the request and grant it became, as the tracker and the figures read it. */
export interface ItemView {
  item: PacketItem;
  request?: AccessRequest;
  grant?: Grant;
}

/**
 * The item's state, read from its request and grant. Verified and declined are the item's
 * own; a verified item stays verified after its grant ends, since it was ready in time.
 */
export function itemState({ item, request, grant }: ItemView): ItemState {
  if (item.gate) return item.gate.kind;
  if (item.declinedAt) return 'declined';
  if (item.verifiedAt) return 'verified';
  if (grant) return grantState(grant);
  if (!request) return 'requested';
  switch (request.status) {
    case 'pending':
      return (request.steps[request.currentStep]?.approvers.length ?? 0) > 0 ? 'waiting' : 'requested';
    case 'blocked':
      return 'paused';
    case 'approved':
      return 'approved';
    case 'denied':
    case 'cancelled':
      return request.status;
  }
}

function grantState(grant: Grant): ItemState {
  switch (grant.status) {
    case 'provisioning':
    case 'provisioning_failed':
      return 'approved';
    case 'active':
      return 'provisioned';
    default:
      return 'ended';
  }
}

/** Items that still count towards readiness: a member's decline takes an item out, nothing else does. */
export const isRequired = (view: ItemView): boolean => !view.item.declinedAt;

/** The items a packet asks for: every template item for every member, needed by the start. */
export function itemsFor(items: readonly PacketTemplateItem[], members: readonly UserId[], plannedStart: string) {
  return members.flatMap((memberId) =>
    items.map((item) => ({ memberId, systemId: item.systemId, roleId: item.roleId, durationMinutes: item.durationMinutes, neededBy: plannedStart })),
  );
}
