import { DomainError } from '../domain/errors.js';
import { assertMayAdd, checkAddition, itemsToAdd, newMembers, type Addition, type AdditionProblem } from '../domain/packets/add.js';
import { packetNews } from '../domain/packets/news.js';
import type { Packet } from '../domain/packets/packet.js';
import { distinctMembers, templateOf } from '../domain/packets/plan.js';
import type { UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { planItem } from './create-packet.js';
import { firstEffects } from './submit-request.js';
import { allColleagues, requireColleague } from './support.js';

/** The fields' problems, or how many items were requested and people added. */
export type AddedToPacket = { problems: AdditionProblem[] } | { added: number; joined: number; announce(): Promise<void> };

/**
 * The packet's coordinator adds people or access from its tracker: the template's items are
 * requested for each new member, and the extra item for every member, through the same
 * checks, gates and lifecycle as the packet's first items. Everything is stored in one
 * transaction with its effects (the requests' routing, the tracker, the members' news), and
 * only over the packet as it was read: a change in between adds nothing.
 */
export async function addToPacket(deps: Deps, packetId: number, actor: UserId, addition: Addition): Promise<AddedToPacket> {
  const packet = await openForAdding(deps, packetId, actor);
  const problems = await checkFields(deps, packet, addition);
  if (problems.length > 0) return { problems };
  const records = await deps.packets.items(packetId);
  const wanted = itemsToAdd(packet, templateOf(deps.catalog, packet.templateId), records.map((record) => record.item), addition);
  const joining = newMembers(packet, addition.members);
  if (wanted.length === 0 && joining.length === 0) return { added: 0, joined: 0, announce: async () => undefined };
  const told = distinctMembers(wanted.map((item) => item.memberId));
  const held = await deps.packets.findHeld(told);
  const items = await Promise.all(wanted.map((item) => planItem(deps, packet, item, held)));
  const at = deps.clock.now();
  const requestIds = await deps.packets.addItems(
    { packetId, seen: { members: packet.members, items: records.length }, joining, items, at },
    { actor, action: 'request.submitted', surface: 'modal' },
    // Named by its time: news of this addition, not a repeat of the packet's creation.
    { ofRequest: firstEffects, ofPacket: (stored) => packetNews(stored.id, told, at.toISOString()) },
  );
  if (!requestIds) throw new DomainError((await deps.packets.getPacket(packetId))?.status === 'closed' ? 'PACKET_CLOSED' : 'PACKET_CHANGED');
  return { added: items.length, joined: joining.length, announce: async () => void (await Promise.all(requestIds.map((id) => deps.runEffects(id)))) };
}

/**
 * The modal's quick checks, before Slack's 3 s are up: the clicker may add to this open
 * packet (else throws), and the fields make sense; returns the fields' problems.
 */
export async function checkAddToPacket(deps: Deps, packetId: number, actor: UserId, addition: Addition): Promise<AdditionProblem[]> {
  return checkFields(deps, await openForAdding(deps, packetId, actor), addition);
}

/** The packet, when `actor` may add to it now: its own coordinator, while it is open. */
export async function openForAdding(deps: Deps, packetId: number, actor: UserId): Promise<Packet> {
  const packet = await deps.packets.getPacket(packetId);
  if (!packet) throw new DomainError('UNKNOWN_PACKET');
  await requireColleague(deps, actor);
  assertMayAdd(packet, actor);
  return packet;
}

async function checkFields(deps: Deps, packet: Packet, addition: Addition): Promise<AdditionProblem[]> {
  const problems = checkAddition(deps.catalog, packet, addition);
  if (problems.length > 0) return problems;
  return (await allColleagues(deps, newMembers(packet, addition.members))) ? [] : [{ field: 'members', code: 'not_colleague' }];
}
