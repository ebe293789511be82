/**
 * What a coordinator typed, checked before anything is requested. Problems come back as
 * codes with the form field they belong to; the modal says them in words.
 */
import type { Catalog, PacketTemplate, UserId } from '../types.js';
import type { PacketInput } from './packet.js';

export const PACKET_NAME_MAX = 80;
/** Every member gets every template item at once: a packet is a team, not a department. */
export const PACKET_MEMBERS_MAX = 20;

export type PacketField = 'name' | 'template' | 'members' | 'plannedStart' | 'projectEnd';
export type PacketProblemCode =
  | 'name_missing'
  | 'name_too_long'
  | 'unknown_template'
  | 'no_members'
  | 'too_many_members'
  | 'not_colleague'
  | 'start_in_past'
  | 'end_before_start';

export interface PacketProblem {
  field: PacketField;
  code: PacketProblemCode;
}

/** Every problem with the input at once, so the modal can show them all; empty when it is fine. */
export function checkPacketInput(catalog: Catalog, input: PacketInput, today: string): PacketProblem[] {
  const problems: PacketProblem[] = [];
  const add = (field: PacketField, code: PacketProblemCode) => problems.push({ field, code });
  const name = input.name.trim();
  if (!name) add('name', 'name_missing');
  else if (name.length > PACKET_NAME_MAX) add('name', 'name_too_long');
  if (!templateOf(catalog, input.templateId)) add('template', 'unknown_template');
  const members = distinctMembers(input.members);
  if (members.length === 0) add('members', 'no_members');
  else if (members.length > PACKET_MEMBERS_MAX) add('members', 'too_many_members');
  if (!input.plannedStart || input.plannedStart < today) add('plannedStart', 'start_in_past');
  if (input.projectEnd && input.plannedStart && input.projectEnd < input.plannedStart) add('projectEnd', 'end_before_start');
  return problems;
}

export const templateOf = (catalog: Catalog, id: string): PacketTemplate | undefined => catalog.packets.find((template) => template.id === id);

export const distinctMembers = (members: readonly UserId[]): UserId[] => [...new Set(members)];
