/**
 * Contract: a coordinator's `/access project` opens the packet modal; submitting it requests
 * every template item for every member on their behalf (member = grantee, coordinator =
 * requester), in the normal lifecycle; neither the coordinator nor the member can approve an
 * item; the member is told and can decline an item; once access is in place the member is
 * asked "Does it work?", and the coordinator's one tracker message follows every item to
 * "all verified".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { PACKET_ACTION, PACKET_CALLBACK } from '../../blocks/packet-ids.js';
import { addDays } from '../../src/operations/time-zone.js';
import { PACKET_TEMPLATE, packetCatalog } from '../fixtures/packet-catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { packetClick, packetSubmission } from '../helpers/packet-payloads.js';
import { cardClick, homeClick, requestSubmission } from '../helpers/payloads.js';
import { calendarDate } from '../../src/operations/support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ catalog: packetCatalog() });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

// Ten days after the catalog's calendar day (Berlin), which is not UTC's for an hour or two each night.
const START = addDays(calendarDate(new Date(), 'Europe/Berlin'), 10);
const launch = { name: 'Acme launch', template: PACKET_TEMPLATE, members: ['U0REQ1', 'U0REQ2'], start: START };

async function create(fields = launch) {
  const res = await h.interact(packetSubmission('U0COORD1', fields));
  await h.effectsDone();
  return res;
}

const requests = async () =>
  (await h.db.pool.query('select id, requester_id, requested_by, system_id, role_id, status, needed_by::text as needed_by from requests order by id')).rows;
const idOf = async (member: string, system: string) => (await requests()).find((r) => r.requester_id === member && r.system_id === system)!.id as number;
const trackerUpdates = () => h.slack.called('chat.update').filter((u) => u.channel === 'D0COORD1');
const lastTracker = () => JSON.stringify(trackerUpdates().at(-1)?.blocks ?? []);

describe('creating a packet', () => {
  it('when a coordinator types /access project, then the modal asks for exactly the issue\'s fields', async () => {
    await h.command('U0COORD1', 'project');
    await h.settled();
    const view = h.slack.called('views.open')[0]?.view;
    expect(view.blocks.map((b: any) => [b.label.text, b.element.type, b.optional])).toEqual([
      ['Project name', 'plain_text_input', false],
      ['Template', 'static_select', false],
      ['Members', 'multi_users_select', false],
      ['Planned start', 'datepicker', false],
      ['Project end', 'datepicker', true],
      ['Client-owned', 'checkboxes', true],
      ['Tracker channel', 'conversations_select', true],
    ]);
  });

  it('when a coordinator presses New project on their Home, then the same modal opens', async () => {
    await h.interact(homeClick('U0COORD1', PACKET_ACTION.newPacket, 'new'));
    await h.settled();
    expect(h.slack.called('views.open')[0]?.view.callback_id).toBe(PACKET_CALLBACK.modal);
  });

  it('when someone who is not a coordinator types /access project, then no modal opens and they are told', async () => {
    await h.command('U0REQ1', 'project');
    await h.settled();
    expect(h.slack.called('views.open')).toHaveLength(0);
    expect(h.slack.replies().join()).toContain('Only the coordinators');
  });

  it('when the modal is submitted, then every item is requested for every member on their behalf, routed, and the tracker and members are told', async () => {
    const res = await create();

    expect(res.status).toBe(200);
    const made = await requests();
    expect(made.map((r) => [r.requester_id, r.requested_by, `${r.system_id}/${r.role_id}`, r.needed_by])).toEqual([
      ['U0REQ1', 'U0COORD1', 'billing/admin', START],
      ['U0REQ1', 'U0COORD1', 'cms/editor', START],
      ['U0REQ1', 'U0COORD1', 'ads/analyst', START],
      ['U0REQ2', 'U0COORD1', 'billing/admin', START],
      ['U0REQ2', 'U0COORD1', 'cms/editor', START],
      ['U0REQ2', 'U0COORD1', 'ads/analyst', START],
    ]);
    // The coordinator owns billing too, but gets no card for their own packet's items.
    const billingCards = h.slack.called('chat.postMessage').filter((p) => /asks for \*Administrator\*/.test(p.text));
    expect(billingCards.map((p) => p.channel).sort()).toEqual(['U0OWNER1', 'U0OWNER1', 'U0OWNER2', 'U0OWNER2']);
    const tracker = h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0COORD1' && /Project access/.test(JSON.stringify(p.blocks)));
    expect(tracker).toHaveLength(1);
    expect(JSON.stringify(trackerUpdates().at(-1)?.blocks ?? tracker[0]!.blocks)).toContain('0 of 6 verified, start in 10 days');
    const memberNews = h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0REQ1' && /asked for access for you/.test(p.text));
    expect(memberNews).toHaveLength(1);
    expect(memberNews[0]!.blocks.filter((b: any) => b.accessory?.action_id === PACKET_ACTION.decline)).toHaveLength(3);
    const audit = (await h.db.pool.query(`select actor, action from audit_events where action in ('request.submitted', 'packet.created')`)).rows;
    expect(audit.every((row) => row.actor === 'U0COORD1')).toBe(true);
  });

  it('when a member already asked for an item, then it is not asked again and the tracker says why', async () => {
    await h.interact(requestSubmission('U0REQ1', { system: 'ads', role: 'analyst', minutes: 7 * 1440, purpose: 'Monthly report' }));
    await h.effectsDone();
    await create({ ...launch, members: ['U0REQ1'] });
    expect((await requests()).filter((r) => r.system_id === 'ads')).toHaveLength(1);
    expect(lastTracker()).toContain('paused: Analyst on Client Google Ads: already asked for (AR-1001).');
  });

  it('when the project name holds a credential, then the modal refuses it on the name and nothing is stored', async () => {
    const token = ['ghp', '_', 'R7kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoX'].join('');
    const res = await h.interact(packetSubmission('U0COORD1', { ...launch, name: `Acme ${token}` }));
    expect(JSON.parse(res.body).errors.packet_name).toContain('That looks like a GitHub token');
    expect(await requests()).toHaveLength(0);
    expect((await h.db.pool.query('select count(*)::int as n from packets')).rows[0].n).toBe(0);
  });

  it('when a field is wrong, then the modal shows it and nothing is requested', async () => {
    const res = await h.interact(packetSubmission('U0COORD1', { ...launch, members: [], start: '2020-01-01' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: { packet_members: 'Pick at least one member.', packet_start: 'Pick today or a later date.' },
    });
    expect(await requests()).toHaveLength(0);
  });
});

describe('deciding a packet\'s items', () => {
  it.each(['U0COORD1', 'U0REQ1'])('when %s (requester or grantee) clicks Approve on an item, then it is refused and nothing changes', async (actor) => {
    await create();
    const id = await idOf('U0REQ1', 'billing');
    await h.interact(cardClick(actor, ACTION.approve, id, 0));
    await h.settled();
    expect(h.slack.responses.at(-1)?.body.text).toContain('Nobody approves their own request');
    expect((await h.db.pool.query('select status, current_step from requests where id = $1', [id])).rows[0]).toEqual({ status: 'pending', current_step: 0 });
  });
});

describe('the member', () => {
  it('when the member declines an item, then its request is cancelled as declined and the tracker says so', async () => {
    await create();
    const id = await idOf('U0REQ2', 'ads');
    await h.interact(packetClick('U0REQ2', PACKET_ACTION.decline, id));
    await h.effectsDone();
    expect((await h.db.pool.query('select status from requests where id = $1', [id])).rows[0].status).toBe('cancelled');
    expect((await h.db.pool.query(`select actor from audit_events where action = 'request.declined' and request_id = $1`, [id])).rows).toEqual([{ actor: 'U0REQ2' }]);
    expect(lastTracker()).toContain('declined by the member');
    expect(lastTracker()).toContain('0 of 5 verified');
  });

  it('when someone else clicks Decline, then nothing changes', async () => {
    await create();
    const id = await idOf('U0REQ2', 'ads');
    await h.interact(packetClick('U0COORD1', PACKET_ACTION.decline, id));
    await h.settled();
    expect((await h.db.pool.query('select status from requests where id = $1', [id])).rows[0].status).toBe('pending');
  });
});

describe('through to all verified', () => {
  async function approveAndProvision(member: string) {
    const billing = await idOf(member, 'billing');
    const cms = await idOf(member, 'cms');
    const ads = await idOf(member, 'ads');
    for (const [actor, id, step] of [['U0OWNER1', billing, 0], ['U0SEC1', billing, 1], ['U0CMS1', cms, 0], ['U0OWNER3', ads, 0]] as const) {
      await h.interact(cardClick(actor, ACTION.approve, id, step));
      await h.effectsDone();
    }
    for (const [owner, id] of [['U0OWNER1', billing], ['U0CMS1', cms], ['U0OWNER3', ads]] as const) {
      await h.interact(packetClick(owner, ACTION.provisioned, id));
      await h.effectsDone();
    }
    return [billing, cms, ads];
  }

  it('when every item is approved, set up and confirmed to work, then the tracker reads 6 of 6 verified, each verification audited once', async () => {
    await create();
    const ids = [...(await approveAndProvision('U0REQ1')), ...(await approveAndProvision('U0REQ2'))];
    const asks = h.slack.called('chat.postMessage').filter((p) => /Does it work\?/.test(p.text));
    expect(asks.map((p) => p.channel).sort()).toEqual(['U0REQ1', 'U0REQ1', 'U0REQ1', 'U0REQ2', 'U0REQ2', 'U0REQ2']);
    expect(lastTracker()).toContain('provisioned, not ready');

    for (const id of ids) {
      const member = (await requests()).find((r) => r.id === id)!.requester_id;
      await h.interact(packetClick(member, PACKET_ACTION.itWorks, id));
      await h.effectsDone();
    }
    await h.interact(packetClick('U0REQ1', PACKET_ACTION.itWorks, ids[0]!)); // a second click changes nothing
    await h.effectsDone();

    expect(lastTracker()).toContain('6 of 6 verified');
    const verified = (await h.db.pool.query(`select request_id, actor from audit_events where action = 'grant.verified' order by request_id`)).rows;
    expect(verified).toHaveLength(6);
    const checks = h.slack.called('chat.update').filter((u) => /works: confirmed by/.test(u.text));
    expect(checks.length).toBeGreaterThanOrEqual(6);
  });

  it('when someone other than the grantee or an owner clicks It works, then it is refused', async () => {
    await create();
    const [billing] = await approveAndProvision('U0REQ1');
    await h.interact(packetClick('U0REQ2', PACKET_ACTION.itWorks, billing!));
    await h.settled();
    expect(h.slack.responses.at(-1)?.body.text).toContain('can say it works');
    expect((await h.db.pool.query('select verified_at from packet_items where request_id = $1', [billing])).rows[0].verified_at).toBeNull();
  });
});
