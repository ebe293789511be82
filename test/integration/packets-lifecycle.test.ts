/**
 * Contract: a packet's item not verified `start_warning` (3 days) before the start is
 * flagged once, the coordinator told and its approvers reminded; the readiness figure counts
 * only what was verified by the planned start, read across the start with a fake clock; closing
 * the packet (the coordinator, confirmed, or its end date passing) ends exactly the grants it
 * created, each once, through the normal ending path, and withdraws its requests still waiting.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { PACKET_ACTION } from '../../blocks/packet-ids.js';
import { addDays } from '../../src/operations/time-zone.js';
import { PACKET_TEMPLATE, packetCatalog } from '../fixtures/packet-catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { packetClick, packetSubmission } from '../helpers/packet-payloads.js';
import { appHomeOpened, cardClick, requestSubmission } from '../helpers/payloads.js';
import { calendarDate } from '../../src/operations/support.js';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ catalog: packetCatalog() });
});
beforeEach(() => h.reset());
afterAll(() => h.close());

// The catalog's calendar day (Berlin), which is not UTC's for an hour or two each night.
const today = () => calendarDate(new Date(), 'Europe/Berlin');

async function create(start: string, end?: string) {
  await h.interact(packetSubmission('U0COORD1', { name: 'Acme launch', template: PACKET_TEMPLATE, members: ['U0REQ1'], start, ...(end ? { end } : {}) }));
  await h.effectsDone();
}

const idOf = async (system: string) =>
  (await h.db.pool.query(`select id from requests where system_id = $1 and requested_by = 'U0COORD1'`, [system])).rows[0].id as number;

/** The CMS (cards to its channel) and the client's ads: one approval each, then Done, granted. */
async function grantCmsAndAds(): Promise<number[]> {
  const ids = [await idOf('cms'), await idOf('ads')];
  for (const [approver, id] of [['U0CMS1', ids[0]], ['U0OWNER3', ids[1]]] as const) {
    await h.interact(cardClick(approver, ACTION.approve, id!, 0));
    await h.effectsDone();
    await h.interact(packetClick(approver, ACTION.provisioned, id!));
    await h.effectsDone();
  }
  return ids;
}

async function itWorks(id: number) {
  await h.interact(packetClick('U0REQ1', PACKET_ACTION.itWorks, id));
  await h.effectsDone();
}

const lateNotices = () => h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0COORD1' && /not verified yet/.test(p.text));

describe('blocker flags', () => {
  it('when the start is 3 days away and items are not verified, then each is flagged once, the coordinator told and the approvers reminded', async () => {
    await create(addDays(today(), 10));
    await h.runJobs('sweep-packets');
    expect(lateNotices()).toHaveLength(0);

    h.clock.advance(8 * DAY);
    await h.runJobs('sweep-packets');
    await h.effectsDone();
    await h.runJobs('sweep-packets');

    expect(lateNotices()).toHaveLength(1);
    expect(lateNotices()[0]!.text).toContain('3 items are not verified yet');
    const reminded = h.slack.called('chat.postMessage').filter((p) => /Reminder/.test(p.text)).map((p) => p.channel);
    expect(reminded).toEqual(expect.arrayContaining(['U0OWNER1', 'U0OWNER2', 'U0OWNER3', 'C0CMSAPPROVALS']));
    expect(reminded).not.toContain('U0COORD1');
    const nudges = (await h.db.pool.query(`select actor, surface from audit_events where action = 'step.nudged'`)).rows;
    expect(nudges).toHaveLength(3);
    expect(nudges.every((row) => row.actor === 'latchkey' && row.surface === 'job')).toBe(true);
    const tracker = h.slack.called('chat.update').filter((u) => u.channel === 'D0COORD1').at(-1);
    expect(JSON.stringify(tracker?.blocks)).toContain('Blockers (3)');
  });
});

describe('the digest', () => {
  it('when a packet is at risk, then the digest lists it before the single requests', async () => {
    await create(addDays(today(), 2));
    await h.command('U0COORD1', 'digest');
    await h.settled();
    const digest = h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0COORD1' && /Access blockers/.test(JSON.stringify(p.blocks))).at(-1);
    const sections = (digest?.blocks ?? []).filter((b: any) => b.type === 'section').map((b: any) => b.text.text as string);
    expect(sections[0]).toBe('*Project packets*');
    expect(sections[1]).toBe(':triangular_flag_on_post: *Acme launch* — 0 of 3 verified, start in 2 days · 3 late');
    expect(sections[2]).toMatch(/^\*AR-100\d\*/);
  });
});

describe('the readiness figure', () => {
  it('when one item is verified before the start and one after, then the figure is 1 of 3 at the start while readiness now is 2 of 3', async () => {
    const start = addDays(today(), 3);
    await create(start);
    const [cms, ads] = await grantCmsAndAds();
    await itWorks(ads!);

    h.clock.setTo(new Date(Date.parse(`${start}T12:00:00Z`)));
    await itWorks(cms!);
    await h.event(appHomeOpened('U0COORD1'));
    await h.settled();

    const home = JSON.stringify(h.slack.called('views.publish').at(-1)?.view.blocks);
    expect(home).toContain('ready before start (last 30 days): *33 %* (1 of 3)');
    expect(home).toContain('2 of 3 verified, start today');
    expect(home).toContain('delay 1 day so far');
    const metrics = await (await fetch(h.url.replace('/slack/events', '/metrics'))).text();
    expect(metrics).toMatch(/^latchkey_access_request_ready_before_start 0\.333/m);
    expect(metrics).toContain('latchkey_packet_items{packet="1",kind="verified"} 2');
    expect(metrics).toContain('latchkey_packet_access_delay_days{packet="1"} 1');
  });
});

describe('ending a packet', () => {
  it('when the coordinator closes it, then exactly its live grants end, once, and a second close changes nothing', async () => {
    await create(addDays(today(), 10));
    const [cms, ads] = await grantCmsAndAds();
    // The same person's own request, outside the packet, must survive the close.
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Month end' }));
    await h.effectsDone();
    const own = (await h.db.pool.query(`select id from requests where requested_by is null`)).rows[0].id;
    await h.interact(cardClick('U0OWNER1', ACTION.approve, own, 0));
    await h.effectsDone();
    await h.interact(packetClick('U0OWNER1', ACTION.provisioned, own));
    await h.effectsDone();

    await h.interact(packetClick('U0REQ1', PACKET_ACTION.close, 1));
    await h.settled();
    expect(h.slack.responses.at(-1)?.body.text).toContain('Only the coordinators');

    await h.interact(packetClick('U0COORD1', PACKET_ACTION.close, 1));
    await h.effectsDone();
    await h.interact(packetClick('U0COORD1', PACKET_ACTION.close, 1));
    await h.effectsDone();

    const grants = (await h.db.pool.query('select request_id, status, end_reason from grants order by request_id')).rows;
    expect(grants).toEqual([
      { request_id: cms, status: 'ending', end_reason: 'revoked' },
      { request_id: ads, status: 'ending', end_reason: 'revoked' },
      { request_id: own, status: 'active', end_reason: null },
    ]);
    const ending = (await h.db.pool.query(`select request_id, actor from audit_events where action = 'grant.ending' order by request_id`)).rows;
    expect(ending).toEqual([{ request_id: cms, actor: 'U0COORD1' }, { request_id: ads, actor: 'U0COORD1' }]);
    expect(h.slack.responses.at(-1)?.body.text).toContain('closed already');
    // The privileged item still waiting on its owners is withdrawn, not left to be granted.
    const billing = (await h.db.pool.query(`select id, status from requests where system_id = 'billing' and requested_by = 'U0COORD1'`)).rows;
    expect(billing.map((r) => r.status)).toEqual(['cancelled']);
    expect((await h.db.pool.query(`select actor from audit_events where action = 'request.withdrawn'`)).rows).toEqual([{ actor: 'U0COORD1' }]);
    expect((await h.db.pool.query('select status from packets')).rows).toEqual([{ status: 'closed' }]);
    // Every audit event of the packet's life is also a log line.
    const logged = h.logs.map((line) => JSON.parse(line)).filter((line) => line.msg === 'audit event').map((line) => line.event);
    const audited = (await h.db.pool.query('select action from audit_events')).rows.map((row) => row.action);
    expect(logged.sort()).toEqual(audited.sort());
  });

  it('when the tracker offers Close, then its confirm dialog lists the access that will end', async () => {
    await create(addDays(today(), 10));
    await grantCmsAndAds();
    const tracker = h.slack.called('chat.update').filter((u) => u.channel === 'D0COORD1').at(-1);
    const close = tracker?.blocks.at(-1).elements.find((element: any) => element.action_id === PACKET_ACTION.close);
    expect(close.confirm.text.text).toBe('This access ends now (2): <@U0REQ1> Editor on Website CMS, <@U0REQ1> Analyst on Client Google Ads.');
  });

  it('when the project end date has passed, then the sweep ends its grants as expired and closes it, once', async () => {
    await create(today(), today());
    const [cms, ads] = await grantCmsAndAds();

    h.clock.advance(DAY + 60_000);
    await h.runJobs('sweep-packets');
    await h.effectsDone();
    await h.runJobs('sweep-packets');

    const grants = (await h.db.pool.query('select request_id, status, end_reason from grants order by request_id')).rows;
    expect(grants.map((g) => [g.request_id, g.end_reason])).toEqual([[cms, 'expired'], [ads, 'expired']]);
    expect((await h.db.pool.query(`select count(*)::int as n from audit_events where action = 'grant.ending'`)).rows[0].n).toBe(2);
    expect((await h.db.pool.query(`select count(*)::int as n from audit_events where action = 'packet.closed'`)).rows[0].n).toBe(1);
  });
});
