import { gateItem } from '../domain/packets/gates.js';
import { CREATED, packetNews } from '../domain/packets/news.js';
import { itemsFor, type Packet, type PacketInput } from '../domain/packets/packet.js';
import { checkPacketInput, distinctMembers, templateOf, type PacketProblem } from '../domain/packets/plan.js';
import { formatRequestId } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Deps, Held, NewPacketItem } from './ports.js';
import { requireCoordinator } from './nudge-approvers.js';
import { refuseCredentialsInForm } from './refuse-credentials.js';
import { draftRequest, firstEffects } from './submit-request.js';
import { allColleagues, calendarDate } from './support.js';

export type CreatedPacket = { problems: PacketProblem[] } | { packet: Packet; announce(): Promise<void> };

/**
 * A coordinator creates a project packet: every template item is requested for every member,
 * on their behalf (the member is the grantee, the coordinator the requester, and neither
 * may approve it), through the same checks and lifecycle as any request. All the requests
 * are stored in one transaction with their effects; routing, cards, the tracker and the
 * members' news follow after commit.
 */
export async function createPacket(deps: Deps, input: PacketInput): Promise<CreatedPacket> {
  const problems = await checkPacket(deps, input);
  if (problems.length > 0) return { problems };
  const now = deps.clock.now();
  const members = distinctMembers(input.members);
  const template = templateOf(deps.catalog, input.templateId)!;
  const wanted = itemsFor(template.items, members, input.plannedStart);
  const held = await deps.packets.findHeld(members);
  const items = await Promise.all(wanted.map((item) => planItem(deps, input, item, held)));
  const packet = await deps.packets.createPacket(
    { ...input, name: input.name.trim(), members, startWarningMinutes: template.startWarningMinutes, createdAt: now },
    items,
    { actor: input.coordinatorId, action: 'request.submitted', surface: 'modal' },
    { ofRequest: firstEffects, ofPacket: (created) => packetNews(created.id, members, CREATED) },
  );
  return {
    packet,
    // The tracker and the members' news are the packet's own effects, which the runner carries out.
    announce: async () => {
      const records = await deps.packets.items(packet.id);
      await Promise.all(records.flatMap(({ item }) => (item.requestId ? [deps.runEffects(item.requestId)] : [])));
    },
  };
}

/**
 * The quick checks of a packet form: a coordinator asks, the fields make sense, the members
 * are colleagues. Throws NOT_A_COORDINATOR; returns the form's problems, none when it is fine.
 */
export async function checkPacket(deps: Deps, input: PacketInput): Promise<PacketProblem[]> {
  await requireCoordinator(deps, input.coordinatorId);
  // Refused here, on the form, rather than once per item as each request is prepared.
  await refuseCredentialsInForm(deps, input.coordinatorId, 'modal', [['projectTag', input.name]]);
  const problems = checkPacketInput(deps.catalog, input, calendarDate(deps.clock.now(), deps.catalog.settings.timezone));
  if (problems.length > 0) return problems;
  return (await allColleagues(deps, distinctMembers(input.members))) ? [] : [{ field: 'members', code: 'not_colleague' }];
}

type WantedItem = ReturnType<typeof itemsFor>[number];

/**
 * The request an item becomes, or the stop gate that holds it back, with the reason: the
 * member is the grantee and the packet's coordinator the requester, so neither may approve it.
 */
export async function planItem(deps: Deps, packet: PacketInput, item: WantedItem, held: Held[]): Promise<NewPacketItem> {
  const { system, role } = resolveRole(deps.catalog, item.systemId, item.roleId);
  // Someone who already asked for it, or holds it, needs no second request: the coordinator sees why.
  const already = held.find((h) => h.memberId === item.memberId && h.systemId === item.systemId && h.roleId === item.roleId);
  if (already) {
    const reason = `${already.kind === 'open' ? 'already asked for' : 'already holds it'} (${formatRequestId(already.requestId)})`;
    return { ...item, gate: { kind: 'paused', reason: `${role.name} on ${system.name}: ${reason}.` } };
  }
  const request = await draftRequest(deps, {
    requesterId: item.memberId,
    requestedBy: packet.coordinatorId,
    systemId: item.systemId,
    roleId: item.roleId,
    durationMinutes: item.durationMinutes,
    purpose: `Project ${packet.name.trim()}, starting ${packet.plannedStart}`,
    neededBy: item.neededBy,
    projectTag: packet.name.trim(),
  });
  const flags = request.draft.flags.map((flag) => flag.code);
  const gate = gateItem({ system, role, ...item, securityReviewers: deps.catalog.security.reviewers.length, flags });
  return gate ? { ...item, gate } : { ...item, request };
}
