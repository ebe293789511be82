/**
 * What a packet's people see, kept current: the coordinator's tracker, the member's list of
 * what was asked for them, and "Does it work?" once an item's access is in place. Views,
 * never records: the packet's state lives in its requests, grants and items.
 */
import type { Packet } from '../domain/packets/packet.js';
import type { RequestId } from '../domain/types.js';
import type { Deps, ItemRecord, PacketState } from './ports.js';
import { calendarDate } from './support.js';
import { startOfDay } from './time-zone.js';

/** After a packet is created: its tracker (posted once), and each member told. */
export async function announcePacket(deps: Deps, packetId: number): Promise<void> {
  const state = await packetState(deps, packetId);
  if (!state) return;
  const { packet, items } = state;
  await quietly(deps, packet.id, () => postTrackerOnce(deps, state));
  await Promise.all(
    packet.members.map((member) =>
      quietly(deps, packet.id, () => deps.packetNotifier.tellMember(packet, member, items.filter((record) => record.item.memberId === member))),
    ),
  );
}

/** A message that cannot be sent is logged; the packet and its requests stand. */
async function quietly(deps: Pick<Deps, 'log'>, packetId: number, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    deps.log.warn({ err: error, packetId }, 'packet message failed');
  }
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

export async function packetState(deps: Pick<Deps, 'packets' | 'clock' | 'catalog'>, packetId: number): Promise<PacketState | undefined> {
  const packet = await deps.packets.getPacket(packetId);
  if (!packet) return undefined;
  const tz = deps.catalog.settings.timezone;
  const now = deps.clock.now();
  return { packet, items: await deps.packets.items(packetId), now, today: calendarDate(now, tz), startAt: startOfDay(packet.plannedStart, tz) };
}

async function postTrackerOnce(deps: Deps, state: PacketState): Promise<void> {
  if (!(await deps.packets.claimTracker(state.packet.id))) return;
  try {
    await deps.packets.setTracker(state.packet.id, await deps.packetNotifier.postTracker(state));
  } catch (error) {
    await deps.packets.setTracker(state.packet.id, undefined);
    throw error;
  }
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
