// Contract: adding to a packet asks the template's items for new members only and the extra
// item for every member, never twice for one member; the modal's fields are judged together
// (access and duration come as a pair, the duration one the role offers); only the packet's
// coordinator adds, while it is open; the modal stays within Block Kit's limits.
import { describe, expect, it } from 'vitest';
import { buildAddToPacketModal } from '../../blocks/packet-add-modal.js';
import { assertMayAdd, checkAddition, itemsToAdd, type Addition } from '../../src/domain/packets/add.js';
import type { Packet, PacketItem } from '../../src/domain/packets/packet.js';
import { asUserId } from '../../src/domain/types.js';
import { packetCatalog } from '../fixtures/packet-catalog.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

const catalog = packetCatalog();
const template = catalog.packets[0]!;
const [ana, ben, cy] = ['U0ANA', 'U0BEN', 'U0CY'].map(asUserId) as [ReturnType<typeof asUserId>, ReturnType<typeof asUserId>, ReturnType<typeof asUserId>];
const packet: Packet = {
  id: 3, name: 'Acme', templateId: template.id, coordinatorId: asUserId('U0COORD1'), members: [ana, ben], plannedStart: '2026-12-20',
  clientOwned: false, startWarningMinutes: 4320, status: 'open', createdAt: new Date('2026-12-01T09:00:00Z'),
};
const existing = (memberId: PacketItem['memberId'], systemId: string, roleId: string, id = 1): PacketItem => ({ id, packetId: 3, memberId, systemId, roleId, durationMinutes: 60 });
const what = (items: { memberId: string; systemId: string; roleId: string }[]) => items.map((item) => `${item.memberId} ${item.systemId}/${item.roleId}`);

describe('itemsToAdd', () => {
  it('when a new member joins, then only they get the template, needed by the start', () => {
    const items = itemsToAdd(packet, template, [], { members: [cy, ana, cy] });
    expect(what(items)).toEqual(['U0CY billing/admin', 'U0CY cms/editor', 'U0CY ads/analyst']);
    expect(items.every((item) => item.neededBy === '2026-12-20')).toBe(true);
  });

  it('when extra access is added, then every member, old and new, gets it, except one who has it already', () => {
    const addition: Addition = { members: [cy], access: { systemId: 'billing', roleId: 'viewer' }, durationMinutes: 1440 };
    const items = itemsToAdd(packet, { ...template, items: [] }, [existing(ben, 'billing', 'viewer')], addition);
    expect(what(items)).toEqual(['U0ANA billing/viewer', 'U0CY billing/viewer']);
    expect(items[0]!.durationMinutes).toBe(1440);
  });

  it('when the extra access is in the template too, then a new member is asked for it once', () => {
    const addition: Addition = { members: [cy], access: { systemId: 'cms', roleId: 'editor' }, durationMinutes: 1440 };
    expect(what(itemsToAdd(packet, template, [], addition)).filter((line) => line === 'U0CY cms/editor')).toHaveLength(1);
  });
});

describe('checkAddition', () => {
  it.each<[string, Addition, ReturnType<typeof checkAddition>]>([
    ['a new member', { members: [cy] }, []],
    ['extra access with a duration its role offers', { members: [], access: { systemId: 'billing', roleId: 'viewer' }, durationMinutes: 1440 }, []],
    ['only existing members', { members: [ana] }, [{ field: 'members', code: 'nothing_to_add' }]],
    ['a duration alone', { members: [], durationMinutes: 60 }, [{ field: 'access', code: 'access_missing' }]],
    ['access alone', { members: [], access: { systemId: 'billing', roleId: 'viewer' } }, [{ field: 'duration', code: 'duration_missing' }]],
    ['a duration the role does not offer', { members: [], access: { systemId: 'billing', roleId: 'viewer' }, durationMinutes: 480 }, [{ field: 'duration', code: 'unknown_duration' }]],
    ['a role the catalog does not have', { members: [], access: { systemId: 'billing', roleId: 'owner' }, durationMinutes: 60 }, [{ field: 'access', code: 'unknown_access' }]],
    ['one member too many', { members: Array.from({ length: 19 }, (_, i) => asUserId(`U0NEW${i}`)) }, [{ field: 'members', code: 'too_many_members' }]],
  ])('when the form holds %s, then the problems are %o', (_what, addition, problems) => {
    expect(checkAddition(catalog, packet, addition)).toEqual(problems);
  });
});

describe('assertMayAdd', () => {
  it.each([
    ['U0REQ1', packet, 'NOT_PACKET_COORDINATOR'],
    ['U0COORD1', { ...packet, status: 'closed' as const }, 'PACKET_CLOSED'],
  ])('when %s adds to a packet they may not change, then it is refused with %s', (actor, target, code) => {
    expect(() => assertMayAdd(target, asUserId(actor))).toThrow(code);
  });

  it('when its coordinator adds to an open packet, then it is allowed', () => {
    expect(() => assertMayAdd(packet, asUserId('U0COORD1'))).not.toThrow();
  });
});

describe('buildAddToPacketModal', () => {
  it('when the catalog is large, then the modal stays within limits and carries the packet id', () => {
    const billing = catalog.systems.find((system) => system.id === 'billing')!;
    const systems = Array.from({ length: 60 }, (_, i) => ({ ...billing, id: `system-${i}`, name: `${'S'.repeat(70)} ${i}` }));
    const modal = buildAddToPacketModal({ ...packet, name: 'x'.repeat(80) }, { ...catalog, systems });
    expect(modal.private_metadata).toBe('3');
    expect((modal.blocks[2] as any).element.options).toHaveLength(100);
    expect(blockKitViolations('modal', modal.blocks)).toEqual([]);
  });
});
