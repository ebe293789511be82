/** The `/access project` modal's fields and the packet buttons' values, decoded with zod. */
import { z } from 'zod';
import { PACKET_ACTION, PACKET_BLOCK } from '../../blocks/packet-ids.js';
import type { Addition } from '../domain/packets/add.js';
import type { PacketInput } from '../domain/packets/packet.js';
import { asUserId } from '../domain/types.js';
import { buttonPayload } from './payloads.js';

type StateValues = Record<string, Record<string, unknown>>;

const field = <T extends z.ZodTypeAny>(values: StateValues, block: string, action: string, schema: T): z.infer<T> | undefined =>
  schema.safeParse(values[block]?.[action]).data;

/** The modal as submitted; anything missing comes back empty for the domain to refuse. */
export function packetForm(coordinator: string, values: StateValues): PacketInput {
  const name = field(values, PACKET_BLOCK.name, PACKET_ACTION.name, z.object({ value: z.string().nullish() }))?.value ?? '';
  const template = field(values, PACKET_BLOCK.template, PACKET_ACTION.template, z.object({ selected_option: z.object({ value: z.string() }).nullish() }));
  const members = field(values, PACKET_BLOCK.members, PACKET_ACTION.members, z.object({ selected_users: z.array(z.string()).default([]) }));
  const date = z.object({ selected_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish() });
  const start = field(values, PACKET_BLOCK.plannedStart, PACKET_ACTION.plannedStart, date)?.selected_date;
  const end = field(values, PACKET_BLOCK.projectEnd, PACKET_ACTION.projectEnd, date)?.selected_date;
  const client = field(values, PACKET_BLOCK.clientOwned, PACKET_ACTION.clientOwned, z.object({ selected_options: z.array(z.object({ value: z.string() })).default([]) }));
  // A public or private channel's id: the tracker never goes to someone else's DM.
  const channel = field(values, PACKET_BLOCK.trackerChannel, PACKET_ACTION.trackerChannel, z.object({ selected_conversation: z.string().regex(/^[CG][A-Z0-9]{2,}$/).nullish() }));
  return {
    name,
    templateId: template?.selected_option?.value ?? '',
    coordinatorId: asUserId(coordinator),
    members: (members?.selected_users ?? []).map(asUserId),
    plannedStart: start ?? '',
    ...(end ? { projectEnd: end } : {}),
    clientOwned: (client?.selected_options.length ?? 0) > 0,
    ...(channel?.selected_conversation ? { projectChannel: channel.selected_conversation } : {}),
  };
}

/** A tracker's button (Close, Add people or access): which packet, who pressed it, and the trigger for a modal. */
export function packetClick(body: unknown) {
  const parsed = buttonPayload.safeParse(body);
  const id = parsed.success ? packetIdOf(parsed.data.actions[0]!.value) : undefined;
  return parsed.success && id ? { packetId: id, actor: asUserId(parsed.data.user.id), triggerId: parsed.data.trigger_id } : undefined;
}

/** A packet id as a button value or a modal's private_metadata carries it. */
export const packetIdOf = (value: string): number | undefined => (/^\d{1,9}$/.test(value) ? Number(value) : undefined);

/** The Add people or access modal as submitted; empty fields come back absent for the domain to judge. */
export function additionForm(values: StateValues): Addition {
  const members = field(values, PACKET_BLOCK.addMembers, PACKET_ACTION.addMembers, z.object({ selected_users: z.array(z.string()).default([]) }));
  const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
  const access = field(values, PACKET_BLOCK.addAccess, PACKET_ACTION.addAccess, selected)?.selected_option?.value;
  const duration = field(values, PACKET_BLOCK.addDuration, PACKET_ACTION.addDuration, selected)?.selected_option?.value;
  const [systemId, roleId] = access?.split('/') ?? [];
  return {
    members: (members?.selected_users ?? []).map(asUserId),
    // A value that does not read as system/role is kept, as an unknown one, for the domain to refuse.
    ...(access !== undefined ? { access: { systemId: systemId ?? '', roleId: roleId ?? '' } } : {}),
    ...(duration !== undefined && /^\d{1,9}$/.test(duration) ? { durationMinutes: Number(duration) } : {}),
  };
}

/** A Home button that carries no id (New project): who pressed it, and the trigger for the modal. */
export function homeButtonClick(body: unknown) {
  const parsed = buttonPayload.safeParse(body);
  return parsed.success && parsed.data.trigger_id ? { actor: asUserId(parsed.data.user.id), triggerId: parsed.data.trigger_id } : undefined;
}
