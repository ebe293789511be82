/**
 * Contract: a packet's tracker and its members' news are effects recorded with the packet,
 * in its transaction. A process that dies right after the commit, or a Slack that is down
 * when the packet is created, loses neither: the next process to run the outbox posts one
 * tracker to the coordinator and tells each member once; carrying an effect out again
 * tells nobody twice.
 */
import { afterEach, expect, it } from 'vitest';
import { createPacket } from '../../src/operations/create-packet.js';
import { carryOutEffect } from '../../src/operations/carry-out-effect.js';
import { asUserId } from '../../src/domain/types.js';
import { addDays } from '../../src/operations/time-zone.js';
import { calendarDate } from '../../src/operations/support.js';
import { PACKET_TEMPLATE, packetCatalog } from '../fixtures/packet-catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { packetSubmission } from '../helpers/packet-payloads.js';

const START = addDays(calendarDate(new Date(), 'Europe/Berlin'), 10);
const MEMBERS = ['U0REQ1', 'U0REQ2'];

const open: Harness[] = [];
async function start(options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness({ catalog: packetCatalog(), ...options });
  open.push(h);
  return h;
}
// The later harnesses share the first one's database and Slack: close them first.
afterEach(async () => {
  for (const h of open.reverse()) await h.close();
  open.length = 0;
});

const memberNews = (h: Harness) => h.slack.called('chat.postMessage').filter((post) => /asked for access for you/.test(post.text));
const trackers = (h: Harness) => h.slack.called('chat.postMessage').filter((post) => post.channel === 'U0COORD1' && /Project access/.test(JSON.stringify(post.blocks)));
const packetEffects = async (h: Harness) =>
  (await h.db.pool.query(`select kind, status, attempts from effects where kind in ('post_tracker', 'tell_member') order by id`)).rows;

it('when the process dies right after the packet is stored, then the next one posts the tracker once and tells each member once', async () => {
  const first = await start();
  await first.latchkey.stop();
  // The commit happens; the listener's after-commit work never does.
  const created = await createPacket(first.latchkey.deps, {
    name: 'Acme launch', templateId: PACKET_TEMPLATE, coordinatorId: asUserId('U0COORD1'), members: MEMBERS.map(asUserId), plannedStart: START, clientOwned: false,
  });
  expect('packet' in created).toBe(true);
  expect(await packetEffects(first)).toEqual([
    { kind: 'post_tracker', status: 'pending', attempts: 0 },
    { kind: 'tell_member', status: 'pending', attempts: 0 },
    { kind: 'tell_member', status: 'pending', attempts: 0 },
  ]);
  expect(memberNews(first)).toHaveLength(0);

  const second = await start({ shared: first });
  await second.effectsDone();

  expect(memberNews(second).map((post) => post.channel).sort()).toEqual(MEMBERS);
  expect(trackers(second)).toHaveLength(1);
  expect((await packetEffects(second)).every((effect) => effect.status === 'done')).toBe(true);
});

it('when Slack is down as the packet is created, then after a restart each member is told once and one tracker is posted', async () => {
  // Retries slow enough (over 2 s) that the listener does not wait for them, and the failed
  // first attempts are still waiting when the process stops.
  const first = await start({ retry: { retryMs: 3_000, maxAttempts: 5 } });
  first.slack.fail('chat.postMessage', 'internal_error');
  await first.interact(packetSubmission('U0COORD1', { name: 'Acme launch', template: PACKET_TEMPLATE, members: MEMBERS, start: START }));
  await first.settled();
  await expect.poll(async () => (await packetEffects(first)).filter((effect) => effect.attempts > 0).length, { timeout: 5_000, interval: 20 }).toBe(3);
  await first.latchkey.stop();
  expect((await packetEffects(first)).map((effect) => effect.status)).toEqual(['pending', 'pending', 'pending']);
  // Slack is back (and the failed calls forgotten): only what the restart sends is counted.
  first.slack.reset();

  const second = await start({ shared: first });
  await expect.poll(async () => (await packetEffects(second)).every((effect) => effect.status === 'done'), { timeout: 10_000 }).toBe(true);
  await second.effectsDone();

  expect(memberNews(second).map((post) => post.channel).sort()).toEqual(MEMBERS);
  expect(trackers(second)).toHaveLength(1);
  const told = (await second.db.pool.query('select count(*)::int as n from packet_items where told_at is not null')).rows[0].n;
  expect(told).toBe(6);
});

it('when a member\'s news is carried out a second time, then nobody is told twice', async () => {
  const h = await start();
  await h.interact(packetSubmission('U0COORD1', { name: 'Acme launch', template: PACKET_TEMPLATE, members: MEMBERS, start: START }));
  await h.effectsDone();
  expect(memberNews(h)).toHaveLength(2);

  const { rows } = await h.db.pool.query(`select id, payload, attempts from effects where kind in ('tell_member', 'post_tracker')`);
  for (const row of rows) await carryOutEffect(h.latchkey.deps, { id: row.id, effect: row.payload, attempts: row.attempts });
  await h.settled();

  expect(memberNews(h)).toHaveLength(2);
  expect(trackers(h)).toHaveLength(1);
});

it('when the process died while telling a member, then that effect\'s retry tells them (never lost) and no other effect lists the same items', async () => {
  const h = await start();
  await h.interact(packetSubmission('U0COORD1', { name: 'Acme launch', template: PACKET_TEMPLATE, members: MEMBERS, start: START }));
  await h.effectsDone();
  // What a kill between claiming the items and recording the sent DM leaves behind.
  await h.db.pool.query(`update packet_items set told_at = null where member_id = 'U0REQ1'`);
  const { rows } = await h.db.pool.query(`select id, payload, attempts from effects where kind = 'tell_member' and payload ->> 'memberId' = 'U0REQ1'`);
  const creation = { id: rows[0].id, effect: rows[0].payload, attempts: 2 };

  await carryOutEffect(h.latchkey.deps, { ...creation, id: -1, effect: { ...creation.effect, batch: 'a later addition' } });
  expect(memberNews(h).filter((post) => post.channel === 'U0REQ1')).toHaveLength(1);

  await carryOutEffect(h.latchkey.deps, creation);
  const told = memberNews(h).filter((post) => post.channel === 'U0REQ1');
  expect(told).toHaveLength(2);
  expect(told[1]!.blocks).toEqual(told[0]!.blocks);
});

it('when a process died while posting the tracker, then its claim lapses and the tracker is posted once, by the effect that retries', async () => {
  const first = await start();
  await first.latchkey.stop();
  await createPacket(first.latchkey.deps, {
    name: 'Acme launch', templateId: PACKET_TEMPLATE, coordinatorId: asUserId('U0COORD1'), members: MEMBERS.map(asUserId), plannedStart: START, clientOwned: false,
  });
  // Claimed two minutes ago by a process that never finished posting.
  await first.db.pool.query(`update packets set tracker_ts = 'posting:' || (extract(epoch from now() - interval '2 minutes') * 1000)::bigint`);

  const second = await start({ shared: first });
  await second.effectsDone();

  expect(trackers(second)).toHaveLength(1);
  expect((await first.db.pool.query('select tracker_ts from packets')).rows[0].tracker_ts).toMatch(/^\d+\.\d+$/);
});

it('when another process holds a fresh claim to post the tracker, then the tracker effect waits to try again rather than finishing', async () => {
  const first = await start();
  await first.latchkey.stop();
  await createPacket(first.latchkey.deps, {
    name: 'Acme launch', templateId: PACKET_TEMPLATE, coordinatorId: asUserId('U0COORD1'), members: MEMBERS.map(asUserId), plannedStart: START, clientOwned: false,
  });
  await first.db.pool.query(`update packets set tracker_ts = 'posting:' || (extract(epoch from now()) * 1000)::bigint`);
  const { rows } = await first.db.pool.query(`select id, payload from effects where kind = 'post_tracker'`);

  await expect(carryOutEffect(first.latchkey.deps, { id: Number(rows[0].id), effect: rows[0].payload, attempts: 1 })).rejects.toThrow('being posted by another process');
  expect(trackers(first)).toHaveLength(0);
});
