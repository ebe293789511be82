/**
 * Adding to a packet after it was made: new members get the template's items, and one extra
 * item (a system, role and duration) may be asked for every member, old and new. Nothing the
 * packet already has is asked again: a member is added once, an item once per member.
 */
import { DomainError } from '../errors.js';
import type { Catalog, PacketTemplate, UserId } from '../types.js';
import { itemsFor, type Packet, type PacketItem } from './packet.js';
import { distinctMembers, PACKET_MEMBERS_MAX } from './plan.js';

/** What the coordinator filled in on the tracker's modal; every field may be left empty. */
export interface Addition {
  members: UserId[];
  /** The extra item's system and role. */
  access?: { systemId: string; roleId: string };
  /** The extra item's duration. */
  durationMinutes?: number;
}

export type AdditionField = 'members' | 'access' | 'duration';
export type AdditionProblemCode =
  | 'nothing_to_add'
  | 'too_many_members'
  | 'not_colleague'
  | 'unknown_access'
  | 'access_missing'
  | 'duration_missing'
  | 'unknown_duration';

export interface AdditionProblem {
  field: AdditionField;
  code: AdditionProblemCode;
}

/** Only the packet's own coordinator adds to it, and only while it is open. */
export function assertMayAdd(packet: Packet, actor: UserId): void {
  if (actor !== packet.coordinatorId) throw new DomainError('NOT_PACKET_COORDINATOR');
  if (packet.status !== 'open') throw new DomainError('PACKET_CLOSED');
}

/**
 * Every problem with the modal's fields at once; empty when it is fine. The extra item's
 * access and duration come as a pair, and the duration is one the catalog offers the role.
 */
export function checkAddition(catalog: Catalog, packet: Packet, addition: Addition): AdditionProblem[] {
  const problems: AdditionProblem[] = [];
  const add = (field: AdditionField, code: AdditionProblemCode) => problems.push({ field, code });
  const joining = newMembers(packet, addition.members);
  const { access, durationMinutes } = addition;
  if (joining.length === 0 && !access && durationMinutes === undefined) add('members', 'nothing_to_add');
  if (packet.members.length + joining.length > PACKET_MEMBERS_MAX) add('members', 'too_many_members');
  const role = access && catalog.systems.find((system) => system.id === access.systemId)?.roles.find((candidate) => candidate.id === access.roleId);
  if (access && !role) add('access', 'unknown_access');
  if (!access && durationMinutes !== undefined) add('access', 'access_missing');
  if (role && durationMinutes === undefined) add('duration', 'duration_missing');
  if (role && durationMinutes !== undefined && !role.durations.includes(durationMinutes)) add('duration', 'unknown_duration');
  return problems;
}

/** The people the addition brings in: each once, none already a member. */
export const newMembers = (packet: Packet, members: readonly UserId[]): UserId[] =>
  distinctMembers(members).filter((member) => !packet.members.includes(member));

/**
 * The items a (checked) addition asks for: the template's for each new member and the extra
 * one for every member, needed by the planned start, leaving out any a member already has.
 */
export function itemsToAdd(packet: Packet, template: PacketTemplate | undefined, existing: readonly PacketItem[], addition: Addition) {
  const joining = newMembers(packet, addition.members);
  const { access, durationMinutes } = addition;
  const extra = access && durationMinutes !== undefined ? [{ ...access, durationMinutes }] : [];
  const wanted = [
    ...itemsFor(template?.items ?? [], joining, packet.plannedStart),
    ...itemsFor(extra, [...packet.members, ...joining], packet.plannedStart),
  ];
  const key = (item: Pick<PacketItem, 'memberId' | 'systemId' | 'roleId'>) => `${item.memberId}/${item.systemId}/${item.roleId}`;
  const taken = new Set(existing.map(key));
  return wanted.filter((item) => {
    if (taken.has(key(item))) return false;
    taken.add(key(item));
    return true;
  });
}
