/** The `/access project` modal's fields and the packet buttons' values, decoded with zod. */
import { z } from 'zod';
import { PACKET_ACTION, PACKET_BLOCK } from '../../blocks/packet-ids.js';
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
  return {
    name,
    templateId: template?.selected_option?.value ?? '',
    coordinatorId: asUserId(coordinator),
    members: (members?.selected_users ?? []).map(asUserId),
    plannedStart: start ?? '',
    ...(end ? { projectEnd: end } : {}),
    clientOwned: (client?.selected_options.length ?? 0) > 0,
  };
}

/** A packet's Close button: which packet, and who pressed it. */
export function packetClick(body: unknown) {
  const parsed = buttonPayload.safeParse(body);
  const id = parsed.success && /^\d{1,9}$/.test(parsed.data.actions[0]!.value) ? Number(parsed.data.actions[0]!.value) : undefined;
  return parsed.success && id ? { packetId: id, actor: asUserId(parsed.data.user.id) } : undefined;
}

/** A Home button that carries no id (New project): who pressed it, and the trigger for the modal. */
export function homeButtonClick(body: unknown) {
  const parsed = buttonPayload.safeParse(body);
  return parsed.success && parsed.data.trigger_id ? { actor: asUserId(parsed.data.user.id), triggerId: parsed.data.trigger_id } : undefined;
}
