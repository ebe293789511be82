/** Who may say a packet item's access works, and when. */
import { DomainError } from '../errors.js';
import type { Grant, System, UserId } from '../types.js';
import type { Packet, PacketItem } from './packet.js';

/**
 * The grantee, who tried it, or an owner of the system, who checked it for them; only while
 * the access is active (after provisioning, before it ends).
 */
export function assertMayVerify(grant: Grant, actor: UserId, isOwner: boolean): void {
  if (actor !== grant.userId && !isOwner) throw new DomainError('MAY_NOT_VERIFY', { requestId: grant.requestId });
  if (grant.status !== 'active') throw new DomainError('GRANT_NOT_LIVE', { requestId: grant.requestId, status: grant.status });
}

/**
 * What an owner may confirm for a packet item: its access is in place and nobody has said it
 * works yet. For a client's system (or a client-owned packet) the owner's word is "the client
 * granted it", since only the client can hand that access over.
 */
export interface OwnerCheck {
  clientOwned: boolean;
}

export function ownerCheckOf(packet: Packet, item: PacketItem, grant: Grant | undefined, system: System | undefined): OwnerCheck | undefined {
  if (grant?.status !== 'active' || item.verifiedAt || item.declinedAt) return undefined;
  return { clientOwned: packet.clientOwned || system?.clientOwned === true };
}
