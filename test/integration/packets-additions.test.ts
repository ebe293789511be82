/**
 * Contract: the tracker's "Add people or access" lets the packet's coordinator, while it is
 * open, add members (who get the template's items) and one extra item for every member. What
 * is added goes through the same path as the packet's first items (requested on the member's
 * behalf by the coordinator, neither may approve it), in one transaction; nobody is added twice
 * and no member is asked twice for an item; the tracker follows and each member hears only of
 * their new items. Anyone else, or a closed packet, is refused in words.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { PACKET_ACTION, PACKET_CALLBACK } from '../../blocks/packet-ids.js';
import { calendarDate } from '../../src/operations/support.js';
import { addDays } from '../../src/operations/time-zone.js';
import { PACKET_TEMPLATE, packetCatalog } from '../fixtures/packet-catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { additionSubmission, packetClick, packetSubmission } from '../helpers/packet-payloads.js';
import { cardClick } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ catalog: packetCatalog() });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const START = addDays(calendarDate(new Date(), 'Europe/Berlin'), 10);

async function create(): Promise<number> {
  await h.interactAndWait(packetSubmission('U0COORD1', { name: 'Acme launch', template: PACKET_TEMPLATE, members: ['U0REQ1'], start: START }));
  return (await h.db.pool.query('select id from packets')).rows[0].id;
}

const requests = async () =>
  (await h.db.pool.query(`select id, requester_id || ' ' || system_id || '/' || role_id as what, requested_by from requests order by id`)).rows;
const memberNews = (member: string) => h.slack.called('chat.postMessage').filter((p) => p.channel === member && /asked for access for you/.test(p.text));
const declines = (news: Record<string, any>) => news.blocks.filter((b: any) => b.accessory?.action_id === PACKET_ACTION.decline).length;
const lastTracker = () => JSON.stringify(h.slack.called('chat.update').filter((u) => u.channel === 'D0COORD1').at(-1)?.blocks ?? []);

describe('the tracker\'s button', () => {
  it('when the coordinator clicks Add people or access, then the modal opens for that packet with three optional fields', async () => {
    const packet = await create();
    const button = JSON.parse(lastTracker()).flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === PACKET_ACTION.add);
    expect(button).toMatchObject({ text: { text: 'Add people or access' }, value: String(packet) });

    await h.interact(packetClick('U0COORD1', PACKET_ACTION.add, packet));
    await h.settled();

    const view = h.slack.called('views.open')[0]?.view;
    expect(view).toMatchObject({ callback_id: PACKET_CALLBACK.add, private_metadata: String(packet) });
    const inputs = view.blocks.filter((b: any) => b.type === 'input');
    expect(inputs.map((b: any) => [b.label.text, b.element.type, b.optional])).toEqual([
      ['Members', 'multi_users_select', true],
      ['Extra access', 'static_select', true],
      ['Duration', 'static_select', true],
    ]);
    expect(inputs[1].element.options.map((o: any) => o.value)).toContain('billing/viewer');
  });

  it.each([
    ['someone who is not its coordinator', 'U0REQ1', "Only the project's coordinator"],
    ['the coordinator of a closed packet', 'U0COORD1', 'closed already'],
  ])('when %s clicks it, then no modal opens and they are told why', async (_who, actor, words) => {
    const packet = await create();
    if (actor === 'U0COORD1') await h.interactAndWait(packetClick('U0COORD1', PACKET_ACTION.close, packet));
    await h.interact(packetClick(actor, PACKET_ACTION.add, packet));
    await h.settled();
    expect(h.slack.called('views.open')).toHaveLength(0);
    expect(h.slack.replies().at(-1)).toContain(words);
  });
});

describe('adding', () => {
  it('when a new member and an existing one are added, then only the new one gets the template\'s items, on their behalf, and is told', async () => {
    const packet = await create();
    const logged = h.logs.length;
    await h.interactAndWait(additionSubmission('U0COORD1', packet, { members: ['U0REQ2', 'U0REQ1'] }));

    const events = h.logs.slice(logged).map((line) => JSON.parse(line)).filter((line) => line.packet === packet).map((line) => line.event);
    expect(events).toEqual(['packet.items_added', 'request.submitted', 'request.submitted', 'request.submitted']);
    const made = await requests();
    expect(made.map((r) => r.what)).toEqual([
      'U0REQ1 billing/admin', 'U0REQ1 cms/editor', 'U0REQ1 ads/analyst',
      'U0REQ2 billing/admin', 'U0REQ2 cms/editor', 'U0REQ2 ads/analyst',
    ]);
    expect(made.every((r) => r.requested_by === 'U0COORD1')).toBe(true);
    expect((await h.db.pool.query('select members from packets')).rows[0].members).toEqual(['U0REQ1', 'U0REQ2']);
    expect(memberNews('U0REQ2')).toHaveLength(1);
    expect(memberNews('U0REQ1')).toHaveLength(1); // from the creation only
    expect(lastTracker()).toContain('0 of 6 verified');
    expect(lastTracker()).toContain('2 members');
  });

  it('when extra access is added, then every member, old and new, is asked for it once and told of it alone, and neither they nor the coordinator can approve it', async () => {
    const packet = await create();
    await h.interactAndWait(additionSubmission('U0COORD1', packet, { members: ['U0REQ2'], access: 'billing/viewer', minutes: 1440 }));

    const viewers = (await requests()).filter((r) => r.what.endsWith('billing/viewer'));
    expect(viewers.map((r) => r.what)).toEqual(['U0REQ1 billing/viewer', 'U0REQ2 billing/viewer']);
    expect(memberNews('U0REQ1').map(declines)).toEqual([3, 1]);
    expect(memberNews('U0REQ2').map(declines)).toEqual([4]);
    expect(lastTracker()).toContain('0 of 8 verified');

    for (const actor of ['U0COORD1', 'U0REQ1']) {
      await h.interact(cardClick(actor, ACTION.approve, viewers[0]!.id, 0));
      await h.settled();
      expect(h.slack.responses.at(-1)?.body.text).toContain('Nobody approves their own request');
    }

    // The same again asks for nothing more.
    await h.interactAndWait(additionSubmission('U0COORD1', packet, { members: ['U0REQ2'], access: 'billing/viewer', minutes: 1440 }));
    expect((await requests()).filter((r) => r.what.endsWith('billing/viewer'))).toHaveLength(2);
    expect(h.slack.called('chat.postMessage').at(-1)?.text).toContain('Nothing new to request');
    expect((await h.db.pool.query('select count(*)::int as n from packet_items')).rows[0].n).toBe(8);
  });

  it.each([
    [{ minutes: 1440 }, { packet_add_access: 'Pick the access this duration is for.' }],
    [{ access: 'billing/viewer' }, { packet_add_duration: 'Pick how long the extra access is for.' }],
    [{ access: 'billing/viewer', minutes: 480 }, { packet_add_duration: "That role doesn't offer this duration: pick another." }],
    [{}, { packet_add_members: 'Pick new members, or extra access for everyone.' }],
  ])('when the fields are %o, then the modal says %o and nothing is requested', async (fields, errors) => {
    const packet = await create();
    const res = await h.interact(additionSubmission('U0COORD1', packet, fields));
    expect(JSON.parse(res.body)).toEqual({ response_action: 'errors', errors });
    expect(await requests()).toHaveLength(3);
  });

  it('when the packet was closed before the modal was submitted, then nothing is added and the modal says why', async () => {
    const packet = await create();
    await h.interactAndWait(packetClick('U0COORD1', PACKET_ACTION.close, packet));
    const res = await h.interact(additionSubmission('U0COORD1', packet, { members: ['U0REQ2'] }));
    expect(JSON.parse(res.body).errors.packet_add_members).toContain('closed already');
    expect((await requests()).filter((r) => r.what.startsWith('U0REQ2'))).toHaveLength(0);
  });
});
