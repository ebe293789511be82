/** Where project packets live, and how their messages reach the coordinator and members. */
import type { Effect } from '../../domain/effects.js';
import type { NewRequest } from '../../domain/lifecycle.js';
import type { Gate, Packet, PacketItem } from '../../domain/packets/packet.js';
import type { AccessRequest, Grant, RequestId, UserId } from '../../domain/types.js';
import type { AuditContext } from './store.js';

/** An item to store: the request it becomes, or the gate that stopped it. */
export type NewPacketItem = Omit<PacketItem, 'id' | 'packetId' | 'requestId'> & { request?: NewRequest; gate?: Gate };

export type NewPacket = Omit<Packet, 'id' | 'status' | 'closedAt' | 'tracker'>;

/** The effects of storing items: each request's own, and the packet's (its tracker, its members told). */
export interface PacketEffects {
  ofRequest(created: AccessRequest): Effect[];
  ofPacket(packet: Packet): Effect[];
}

/** Items added to a packet after it was made, and what the addition was planned against. */
export interface PacketAddition {
  packetId: number;
  seen: { members: UserId[]; items: number };
  /** New members, after the ones seen. */
  joining: UserId[];
  items: NewPacketItem[];
  at: Date;
}

export interface Held {
  memberId: UserId;
  systemId: string;
  roleId: string;
  requestId: RequestId;
  /** An open request, or access held. */
  kind: 'open' | 'held';
}

/** An item with the request and grant it became: what the tracker and the figures read. */
export interface ItemRecord {
  item: PacketItem;
  request?: AccessRequest;
  grant?: Grant;
}

export interface Packets {
  /**
   * Stores the packet, its items and every item's request (with its audit event and
   * effects), and the packet's effects, in one transaction: all of them, or none.
   */
  createPacket(packet: NewPacket, items: NewPacketItem[], audit: AuditContext, effects: PacketEffects): Promise<Packet>;
  /**
   * Adds members and items (each item's request with its audit event and effects) and the
   * packet's effects, in one transaction, only if the packet is open and still has exactly
   * the members and the number of items `seen`; returns the requests made, or undefined.
   */
  addItems(addition: PacketAddition, audit: AuditContext, effects: PacketEffects): Promise<RequestId[] | undefined>;
  getPacket(id: number): Promise<Packet | undefined>;
  /**
   * What these people already asked for (open requests) or hold (grants not ended), by role:
   * the rule a submission checks one request at a time, for a whole packet in one query.
   */
  findHeld(members: readonly UserId[]): Promise<Held[]>;
  /** The packet a request was made for, with its item. */
  findByRequest(requestId: RequestId): Promise<{ packet: Packet; item: PacketItem } | undefined>;
  items(packetId: number): Promise<ItemRecord[]>;
  /** Open packets, soonest start first. */
  listOpen(): Promise<Packet[]>;
  /** Packets whose planned start is on `day` or later. */
  listStartedSince(day: string): Promise<Packet[]>;
  /** Claims the right to post the tracker; false when someone has (or is posting) it. A claim lapses after a minute. */
  claimTracker(packetId: number): Promise<boolean>;
  setTracker(packetId: number, ref: { channel: string; ts: string } | undefined): Promise<void>;
  /**
   * Marks the item of an active grant verified, audited as `grant.verified`, with its
   * effects; false when it was verified already or the grant is not active.
   */
  verify(requestId: RequestId, by: UserId, at: Date, effects: Effect[]): Promise<boolean>;
  /** Marks the item declined by its member (its request is cancelled separately). */
  decline(requestId: RequestId, at: Date): Promise<void>;
  /** Marks these items flagged as late; returns the ids not flagged before. */
  flag(itemIds: number[], at: Date): Promise<number[]>;
  /** Claims sending "Does it work?" for the item; `release` gives it back after a failed send. */
  claimAsk(requestId: RequestId, at: Date): Promise<boolean>;
  releaseAsk(requestId: RequestId): Promise<void>;
  /**
   * Claims, for the effect keyed `by`, telling a member of their items nobody claimed yet, and
   * of those it claimed before without telling (it was cut short); returns the items' ids.
   * `markTold` records the DM sent; `releaseNews` gives untold items back after a failed send.
   */
  claimNews(packetId: number, memberId: UserId, by: string): Promise<number[]>;
  markTold(itemIds: number[], at: Date): Promise<void>;
  releaseNews(itemIds: number[]): Promise<void>;
  /** Closes an open packet, audited; false when it was closed already. */
  close(packetId: number, by: UserId | 'latchkey', at: Date): Promise<boolean>;
}

/** A packet as its tracker shows it, at one moment. */
export interface PacketState {
  packet: Packet;
  items: ItemRecord[];
  now: Date;
  /** Today's date and the start's first instant, in the catalog's time zone. */
  today: string;
  startAt: Date;
}

/** The packet's Slack messages: the coordinator's tracker and the member's questions. */
export interface PacketNotifier {
  /**
   * Posts the tracker to the packet's project channel, or to the coordinator (also when the
   * bot may not post in that channel, with a note saying so); returns where it went.
   */
  postTracker(state: PacketState): Promise<{ channel: string; ts: string }>;
  /**
   * Rewrites the tracker from the state `load` reads. Calls for one packet that overlap are
   * coalesced: a burst of item changes costs two updates, and each caller's change is shown
   * when its call resolves.
   */
  updateTracker(packetId: number, load: () => Promise<PacketState | undefined>): Promise<void>;
  /** Tells a member what was requested for them, with a Decline button per item. */
  tellMember(packet: Packet, memberId: UserId, items: ItemRecord[]): Promise<void>;
  /** Asks the grantee whether the access works, with an It works button. */
  askIfItWorks(packet: Packet, record: ItemRecord): Promise<void>;
  /** Rewrites the item's "Does it work?" messages to show how it stands. */
  refreshChecks(packet: Packet, record: ItemRecord): Promise<void>;
  /** Tells the coordinator which items are late. */
  tellLate(state: PacketState, late: ItemRecord[]): Promise<void>;
}
