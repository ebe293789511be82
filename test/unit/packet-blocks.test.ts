// Contract: the packet's Slack surfaces stay within Block Kit's limits at any size (a tracker
// of 20 members × 20 items shows blockers first and caps the rest with "N more"); the tracker's
// readiness line reads "7 of 9 verified, start in 3 days"; the member's news offers Decline only
// on items still open; "Does it work?" offers It works only while the access is active; a
// client-owned item carries the safe collection instruction and never asks for a password.
import { describe, expect, it } from 'vitest';
import { buildItWorks, buildMemberNews } from '../../blocks/packet-messages.js';
import { PACKET_ACTION } from '../../blocks/packet-ids.js';
import { buildPacketModal } from '../../blocks/packet-modal.js';
import { buildTracker, readinessText, TRACKER_ITEM_BLOCKS } from '../../blocks/packet-tracker.js';
import { packetHomeBlocks } from '../../blocks/home-packets.js';
import { summarisePacket } from '../../src/domain/packets/summary.js';
import type { Packet, PacketItem } from '../../src/domain/packets/packet.js';
import { asRequestId, asUserId, type Grant } from '../../src/domain/types.js';
import type { ItemRecord, PacketState } from '../../src/operations/ports.js';
import { packetCatalog } from '../fixtures/packet-catalog.js';
import { aRequest } from '../fixtures/requests.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

const catalog = packetCatalog();
const NOW = new Date('2026-12-07T09:00:00Z');
const packet: Packet = {
  id: 7, name: 'Acme <launch> & co', templateId: 'launch', coordinatorId: asUserId('U0COORD1'), members: [asUserId('U0REQ1')],
  plannedStart: '2026-12-10', clientOwned: true, startWarningMinutes: 3 * 1440, status: 'open', createdAt: NOW,
};
const item = (id: number, overrides: Partial<PacketItem> = {}): PacketItem => ({
  id, packetId: 7, memberId: asUserId(`U0M${id}`), systemId: 'ads', roleId: 'analyst', durationMinutes: 43200, neededBy: '2026-12-10', requestId: asRequestId(1000 + id), ...overrides,
});
const active = (id: number): Grant => ({
  requestId: asRequestId(1000 + id), userId: asUserId(`U0M${id}`), systemId: 'ads', roleId: 'analyst', collection: 'delegated_account',
  grantedAt: NOW, expiresAt: NOW, status: 'active', attempts: 0, version: 2,
});
const state = (items: ItemRecord[]): PacketState => ({ packet, items, now: NOW, today: '2026-12-07', startAt: new Date('2026-12-09T23:00:00Z') });
const blocksText = (blocks: unknown[]) => JSON.stringify(blocks);

describe('the tracker', () => {
  const nine: ItemRecord[] = [
    ...[1, 2, 3, 4, 5, 6, 7].map((id) => ({ item: item(id, { verifiedAt: NOW }), grant: active(id) })),
    { item: item(8), request: aRequest({ id: asRequestId(1008), systemId: 'ads', roleId: 'analyst' }) },
    { item: item(9, { gate: { kind: 'paused', reason: 'Analyst on Client Google Ads has no needed-by date.' } }) },
  ];

  it('when 7 of 9 are verified three days before the start, then the bar says so and the blockers come first', () => {
    const { text, blocks } = buildTracker(state(nine), catalog);
    expect(text).toBe('Acme &lt;launch&gt; &amp; co: 7 of 9 verified, start in 3 days');
    const sections = blocks.filter((b: any) => b.type === 'section').map((b: any) => b.text.text);
    expect(sections[0]).toContain('7 of 9 verified, start in 3 days');
    expect(sections[1]).toBe('*Blockers (2)*');
    expect(sections[2]).toContain(':triangular_flag_on_post: *late*');
    expect(sections[2]).toContain('waiting');
    expect(sections[3]).toContain('paused: Analyst on Client Google Ads has no needed-by date.');
    expect(blockKitViolations('message', blocks)).toEqual([]);
  });

  it('when a packet has 400 items, then the tracker shows the first ones within 50 blocks and says how many more', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ item: item(i + 1), request: aRequest({ id: asRequestId(1001 + i) }) }));
    const { blocks } = buildTracker(state(many), catalog);
    expect(blockKitViolations('message', blocks)).toEqual([]);
    expect(blocksText(blocks)).toContain(`${400 - TRACKER_ITEM_BLOCKS} more items`);
  });

  it.each([
    [{ verified: 0, required: 6, daysToStart: 1 }, '0 of 6 verified, start tomorrow'],
    [{ verified: 6, required: 6, daysToStart: 0 }, '6 of 6 verified, start today'],
    [{ verified: 5, required: 6, daysToStart: -2 }, '5 of 6 verified, started 2 days ago'],
  ])('readiness %o reads %s', (bar, words) => {
    expect(readinessText(bar)).toBe(words);
  });
});

describe('the member and the grantee', () => {
  it('when told, then Decline is offered on open items only, and the client-owned instruction never asks for a password', () => {
    const records: ItemRecord[] = [
      { item: item(1, { memberId: asUserId('U0REQ1') }), request: aRequest({ id: asRequestId(1001) }) },
      { item: item(2, { memberId: asUserId('U0REQ1') }), grant: active(2) },
    ];
    const { blocks } = buildMemberNews(packet, records, catalog);
    expect(blocks.filter((b: any) => b.accessory?.action_id === PACKET_ACTION.decline).map((b: any) => b.accessory.value)).toEqual(['1001']);
    expect(blocksText(blocks)).toContain('For the client contact: the owner grants your own account access: no shared login. Never send or accept a password');
    expect(blockKitViolations('message', blocks)).toEqual([]);
  });

  it('when the access is active, then It works is offered; once verified, the message says who confirmed it', () => {
    const asked = buildItWorks(packet, { item: item(1), grant: active(1) }, catalog);
    expect(asked.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: PACKET_ACTION.itWorks, value: '1001' }] });
    const answered = buildItWorks(packet, { item: item(1, { verifiedAt: NOW, verifiedBy: asUserId('U0M1') }), grant: active(1) }, catalog);
    expect(answered.text).toBe(':white_check_mark: *Analyst on Client Google Ads* (AR-1001) works: confirmed by <@U0M1>.');
    expect(blocksText(answered.blocks)).not.toContain(PACKET_ACTION.itWorks);
  });
});

describe('the modal and the Home', () => {
  it('when opened, then the modal is within limits', () => {
    const view = buildPacketModal(catalog.packets);
    expect(blockKitViolations('modal', view.blocks, view)).toEqual([]);
  });

  it('when the catalog has no templates and there are no packets, then the Home shows no packet section', () => {
    expect(packetHomeBlocks({ packets: [], readyBeforeStart: { verified: 0, required: 0 } }, { ...catalog, packets: [] })).toEqual([]);
  });

  it('when a coordinator has many packets, then the Home shows five with New project, at-risk first, and says how many more', () => {
    const summaries = Array.from({ length: 8 }, (_, i) => summarisePacket({ ...state([{ item: item(1), request: aRequest() }]), packet: { ...packet, id: i + 1 } }));
    const blocks = packetHomeBlocks({ packets: summaries, readyBeforeStart: { verified: 9, required: 10, ratio: 0.9 } }, catalog);
    expect(blocks).toHaveLength(7);
    expect(blocks[0]).toMatchObject({ accessory: { action_id: PACKET_ACTION.newPacket, text: { text: 'New project' } } });
    expect(blocksText(blocks[0] ? [blocks[0]] : [])).toContain('ready before start (last 30 days): *90 %* (9 of 10)');
    expect(blocksText(blocks)).toContain(':triangular_flag_on_post: *Acme &lt;launch&gt; &amp; co* — 0 of 1 verified, start in 3 days · 1 late');
    expect(blocksText(blocks)).toContain('3 more');
  });
});
