/**
 * The catalog's `packets:` templates: a project's required items, prefilled for every member.
 * Each item must name a system and role the catalog has, for one of the role's durations,
 * so a packet made from a template is never refused for its own shape.
 */
import { z } from 'zod';
import { formatDuration } from '../domain/duration.js';
import type { PacketTemplate, System } from '../domain/types.js';

/** The catalog's own field checks, passed in so the two schema files don't import each other. */
export interface Primitives {
  slug: z.ZodType<string>;
  name: z.ZodType<string>;
  duration: z.ZodType<number, string>;
}

/** A template as written; `startWarningMinutes` absent means the catalog's setting. */
export type WrittenTemplate = Omit<PacketTemplate, 'startWarningMinutes'> & { startWarningMinutes?: number };

/** Every item is requested for every member at once: a template stays a short checklist. */
const ITEMS_LIMIT = 20;

export function packetTemplateSchema({ slug, name, duration }: Primitives) {
  const item = z
    .strictObject({ system: slug, role: slug, duration })
    .transform((i) => ({ systemId: i.system, roleId: i.role, durationMinutes: i.duration }));
  return z
    .strictObject({
      id: slug,
      name,
      start_warning: duration.optional(),
      items: z.array(item).min(1).max(ITEMS_LIMIT, `must list at most ${ITEMS_LIMIT} items`),
    })
    .transform(
      (p): WrittenTemplate => ({
        id: p.id,
        name: p.name,
        items: p.items,
        ...(p.start_warning !== undefined ? { startWarningMinutes: p.start_warning } : {}),
      }),
    );
}

/** Each item's system and role exist, and its duration is one the role offers, within its maximum. */
export function checkPacketItems(catalog: { systems: System[]; packets: WrittenTemplate[] }, ctx: z.RefinementCtx) {
  catalog.packets.forEach((packet, p) => {
    packet.items.forEach((item, i) => {
      const at = (field: string) => ['packets', p, 'items', i, field];
      const system = catalog.systems.find((candidate) => candidate.id === item.systemId);
      if (!system) return ctx.addIssue({ code: 'custom', path: at('system'), message: `${JSON.stringify(item.systemId)} is not a system in this catalog`, input: item.systemId });
      const role = system.roles.find((candidate) => candidate.id === item.roleId);
      if (!role) return ctx.addIssue({ code: 'custom', path: at('role'), message: `${JSON.stringify(item.roleId)} is not a role of ${system.id}`, input: item.roleId });
      const message =
        item.durationMinutes > role.maxDuration
          ? `is longer than ${system.id}/${role.id}'s max_duration (${formatDuration(role.maxDuration)})`
          : !role.durations.includes(item.durationMinutes)
            ? `is not one of ${system.id}/${role.id}'s durations (${role.durations.map(formatDuration).join(', ')})`
            : undefined;
      if (message) ctx.addIssue({ code: 'custom', path: at('duration'), message, input: item.durationMinutes });
    });
  });
}
