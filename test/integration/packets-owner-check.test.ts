/**
 * Contract: once a packet item's access is set up, the system's owners can confirm it from
 * the card they already have: "Mark verified", or "Client granted" when the system or the
 * packet is the client's. Only the owners' card offers it (not security's, not a request
 * outside a packet), only while the access is active and unconfirmed; their click verifies
 * the item as the grantee's would, and the button goes from every copy of the card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { PACKET_ACTION } from '../../blocks/packet-ids.js';
import { formatRequestId, asRequestId } from '../../src/domain/types.js';
import { calendarDate } from '../../src/operations/support.js';
import { addDays } from '../../src/operations/time-zone.js';
import { PACKET_TEMPLATE, packetCatalog } from '../fixtures/packet-catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { packetClick, packetSubmission } from '../helpers/packet-payloads.js';
import { cardClick, requestSubmission } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ catalog: packetCatalog() });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const START = addDays(calendarDate(new Date(), 'Europe/Berlin'), 10);

async function create(clientOwned = false) {
  await h.interactAndWait(packetSubmission('U0COORD1', { name: 'Acme launch', template: PACKET_TEMPLATE, members: ['U0REQ1'], start: START, clientOwned }));
}

const idOf = async (system: string) =>
  (await h.db.pool.query('select id from requests where requester_id = $1 and system_id = $2', ['U0REQ1', system])).rows[0].id as number;

/** The request's approval card in `channel` as it reads now: its last update, or as posted. */
function card(channel: string, id: number): any[] {
  const isCard = (m: Record<string, any>) => m.channel === channel && String(m.text).startsWith(`${formatRequestId(asRequestId(id))}:`) && /Owner approval/.test(JSON.stringify(m.blocks));
  const copies = [...h.slack.called('chat.postMessage'), ...h.slack.called('chat.update')].filter(isCard);
  expect(copies.length).toBeGreaterThan(0);
  return copies.at(-1)!.blocks;
}
const ownerButton = (blocks: any[]) =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])).find((element: any) => element.action_id === PACKET_ACTION.itWorks);

async function click(payload: object) {
  await h.interactAndWait(payload);
}

describe('an item of the organisation\'s own system', () => {
  it('when its access is set up, then the owners\' cards offer Mark verified, security\'s does not, and an owner\'s click verifies it and takes the button away', async () => {
    await create();
    const billing = await idOf('billing');
    await click(cardClick('U0OWNER1', ACTION.approve, billing, 0));
    await click(cardClick('U0SEC1', ACTION.approve, billing, 1));
    // Approved but not set up yet: there is nothing to confirm.
    expect(ownerButton(card('D0OWNER2', billing))).toBeUndefined();

    await click(packetClick('U0OWNER1', ACTION.provisioned, billing));
    for (const owner of ['D0OWNER1', 'D0OWNER2']) {
      expect(ownerButton(card(owner, billing))).toMatchObject({ text: { text: 'Mark verified' }, value: String(billing), style: 'primary' });
    }
    expect(ownerButton(card('D0SEC1', billing))).toBeUndefined();

    await click(packetClick('U0OWNER2', PACKET_ACTION.itWorks, billing));

    const item = (await h.db.pool.query('select verified_by from packet_items where request_id = $1', [billing])).rows[0];
    expect(item.verified_by).toBe('U0OWNER2');
    expect(ownerButton(card('D0OWNER1', billing))).toBeUndefined();
    expect(ownerButton(card('D0OWNER2', billing))).toBeUndefined();
    const tracker = h.slack.called('chat.update').filter((u) => u.channel === 'D0COORD1').at(-1);
    expect(JSON.stringify(tracker?.blocks)).toContain('verified by <@U0OWNER2>');
    expect(JSON.stringify(tracker?.blocks)).toContain('1 of 3 verified');
  });

  it('when the same access was asked for outside a packet, then its card offers nothing to confirm', async () => {
    await h.interactAndWait(requestSubmission('U0REQ2', { system: 'billing', role: 'admin', minutes: 60, purpose: 'Month-end refunds' }));
    const id = (await h.db.pool.query(`select id from requests where requester_id = 'U0REQ2'`)).rows[0].id as number;
    await click(cardClick('U0OWNER1', ACTION.approve, id, 0));
    await click(cardClick('U0SEC1', ACTION.approve, id, 1));
    await click(packetClick('U0OWNER1', ACTION.provisioned, id));
    expect(card('D0OWNER1', id).some((block) => block.block_id === `revoke:${id}`)).toBe(true); // refreshed, access active
    expect(ownerButton(card('D0OWNER1', id))).toBeUndefined();
  });
});

describe('client-owned access', () => {
  it('when a client\'s system is set up, then its owner\'s card asks for Client granted, and the click verifies the item', async () => {
    await create();
    const ads = await idOf('ads');
    await click(cardClick('U0OWNER3', ACTION.approve, ads, 0));
    await click(packetClick('U0OWNER3', ACTION.provisioned, ads));
    expect(ownerButton(card('D0OWNER3', ads))).toMatchObject({ text: { text: 'Client granted' }, value: String(ads) });

    await click(packetClick('U0OWNER3', PACKET_ACTION.itWorks, ads));

    expect((await h.db.pool.query('select verified_by from packet_items where request_id = $1', [ads])).rows[0].verified_by).toBe('U0OWNER3');
    expect(ownerButton(card('D0OWNER3', ads))).toBeUndefined();
  });

  it('when the packet is client-owned, then even the channel card of its own system says Client granted', async () => {
    await create(true);
    const cms = await idOf('cms');
    await click(cardClick('U0CMS1', ACTION.approve, cms, 0));
    await click(packetClick('U0CMS1', ACTION.provisioned, cms));
    expect(ownerButton(card('C0CMSAPPROVALS', cms))).toMatchObject({ text: { text: 'Client granted' } });
  });
});
