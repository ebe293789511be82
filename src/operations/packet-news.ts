/**
 * What a packet's people see, kept current: the coordinator's tracker, the member's list of
 * what was asked for them, and "Does it work?" once an item's access is in place. Views,
 * never records: the packet's state lives in its requests, grants and items.
 */
import type { Packet } from '../domain/packets/packet.js';
import { ownerCheckOf, type OwnerCheck } from '../domain/packets/verify.js';
import type { Grant, RequestId, UserId } from '../domain/types.js';
import type { Deps, ItemRecord, PacketState } from './ports.js';
import { calendarDate } from './support.js';
import { startOfDay } from './time-zone.js';

/**
 * A member hears of the items asked for them that they have not heard of (the `tell_member`
 * effect, keyed `key`). The items are claimed for the effect first, so two effects never list
 * one item twice and a repeat after the DM went tells nothing; a failed send gives them back.
 */
export async function tellMember(deps: Deps, packetId: number, memberId: UserId, key: string): Promise<void> {
  const state = await packetState(deps, packetId);
  if (state?.packet.status !== 'open') return;
  const told = await deps.packets.claimNews(packetId, memberId, key);
  if (told.length === 0) return;
  try {
    await deps.packetNotifier.tellMember(state.packet, memberId, state.items.filter((record) => told.includes(record.item.id)));
  } catch (error) {
    await deps.packets.releaseNews(told);
    throw error;
  }
  await deps.packets.markTold(told, deps.clock.now());
}

/**
 * A request or grant of a packet changed (the seam in the effects that refresh messages):
 * ask "Does it work?" once the access is active, show its answer, and update the tracker.
 */
export async function refreshPacketOf(deps: Deps, requestId: RequestId): Promise<void> {
  const found = await deps.packets.findByRequest(requestId);
  if (!found) return;
  const state = await packetState(deps, found.packet.id);
  const record = state?.items.find((candidate) => candidate.item.requestId === requestId);
  if (!state || !record) return;
  await checkItem(deps, state.packet, record);
  await refreshTracker(deps, state.packet.id);
}

/** Rewrites the packet's tracker, posting it if it never was. */
export async function refreshTracker(deps: Deps, packetId: number): Promise<void> {
  const packet = await deps.packets.getPacket(packetId);
  if (!packet) return;
  if (!packet.tracker) {
    const state = await packetState(deps, packetId);
    return state && postTrackerOnce(deps, state);
  }
  await deps.packetNotifier.updateTracker(packetId, () => packetState(deps, packetId));
}

/**
 * The `post_tracker` effect: posts the tracker, or rewrites it once posted. While another
 * process holds the claim to post it, this fails to be tried again: the claim of a process
 * that died posting lapses, and then this one posts it.
 */
export async function postTracker(deps: Deps, packetId: number): Promise<void> {
  await refreshTracker(deps, packetId);
  const packet = await deps.packets.getPacket(packetId);
  if (packet && !packet.tracker) throw new Error('the tracker is being posted by another process');
}

/**
 * Whether the owners' cards offer to confirm the request's packet item ("Mark verified", or
 * "Client granted" for a client's system), while its access is active and unconfirmed.
 */
export async function ownerCheckFor(deps: Pick<Deps, 'packets' | 'catalog'>, requestId: RequestId, grant: Grant | undefined): Promise<OwnerCheck | undefined> {
  // Most refreshes are of access not in place (or not in a packet): those cost no query.
  if (grant?.status !== 'active') return undefined;
  const found = await deps.packets.findByRequest(requestId);
  return found && ownerCheckOf(found.packet, found.item, grant, deps.catalog.systems.find((system) => system.id === found.item.systemId));
}

export async function packetState(deps: Pick<Deps, 'packets' | 'clock' | 'catalog'>, packetId: number): Promise<PacketState | undefined> {
  const packet = await deps.packets.getPacket(packetId);
  if (!packet) return undefined;
  const tz = deps.catalog.settings.timezone;
  const now = deps.clock.now();
  return { packet, items: await deps.packets.items(packetId), now, today: calendarDate(now, tz), startAt: startOfDay(packet.plannedStart, tz) };
}

async function postTrackerOnce(deps: Deps, state: PacketState): Promise<void> {
  const packetId = state.packet.id;
  if (!(await deps.packets.claimTracker(packetId))) return;
  try {
    await deps.packets.setTracker(packetId, await deps.packetNotifier.postTracker(state));
  } catch (error) {
    await deps.packets.setTracker(packetId, undefined);
    throw error;
  }
  // Refreshes that came while it was being posted found no message to rewrite: catch up once.
  await deps.packetNotifier.updateTracker(packetId, () => packetState(deps, packetId));
}

/** "Does it work?" goes once, when the access is active; its buttons go when it is answered or ends. */
async function checkItem(deps: Deps, packet: Packet, record: ItemRecord): Promise<void> {
  const { item, grant } = record;
  if (grant?.status === 'active' && !item.verifiedAt && !item.declinedAt) {
    if (!(await deps.packets.claimAsk(item.requestId!, deps.clock.now()))) return;
    try {
      await deps.packetNotifier.askIfItWorks(packet, record);
    } catch (error) {
      await deps.packets.releaseAsk(item.requestId!);
      throw error;
    }
    return;
  }
  if (grant) await deps.packetNotifier.refreshChecks(packet, record);
}
