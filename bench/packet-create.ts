/**
 * A coordinator's project packet at scale: 3 template items for each of 20 members (60
 * requests) submitted from the `/access project` modal, measured until Slack's request is
 * answered (everything stored in one transaction), then until every request is routed and its
 * cards sent; and the tracker's latency: from a member's click on Decline to the tracker
 * message rewritten. On embedded and, when a server is named, on PostgreSQL.
 *
 * `npx tsx bench/packet-create.ts` runs it alone.
 */
import { pathToFileURL } from 'node:url';
import { PACKET_ACTION } from '../blocks/packet-ids.js';
import { addDays } from '../src/operations/time-zone.js';
import { PACKET_TEMPLATE, packetCatalog } from '../test/fixtures/packet-catalog.js';
import { FakeSlack, TEAM } from '../test/helpers/fake-slack.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { packetClick, packetSubmission } from '../test/helpers/packet-payloads.js';
import { benchDatabases, type BenchDatabase } from './bench-database.js';
import type { BenchResult } from './result.js';
import { percentile, round } from './stats.js';

const MEMBERS = Array.from({ length: 20 }, (_, i) => `U0MEMBER${String(i).padStart(2, '0')}`);
const DECLINES = 10;

export async function benchPacketCreate(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const database of benchDatabases()) results.push(...(await createOn(database)));
  return results;
}

async function createOn({ label, open }: BenchDatabase): Promise<BenchResult[]> {
  const shared = { db: await open(), slack: new FakeSlack() };
  for (const id of MEMBERS) shared.slack.people.set(id, { id, team_id: TEAM, tz: 'Europe/Berlin' });
  const h = await startHarness({ catalog: packetCatalog(), shared });
  try {
    const start = addDays(new Date().toISOString().slice(0, 10), 14);
    const began = performance.now();
    const res = await h.interact(packetSubmission('U0COORD1', { name: 'Bench launch', template: PACKET_TEMPLATE, members: MEMBERS, start }));
    const answeredMs = performance.now() - began;
    if (res.status !== 200 || res.body) throw new Error(`packet not accepted: ${res.status} ${res.body}`);
    const items = MEMBERS.length * 3;
    await until(async () => Number((await h.db.pool.query('select count(*)::int as n from packet_items where request_id is not null')).rows[0].n) === items);
    const createdMs = performance.now() - began;
    await effectsDone(h);
    const routedMs = performance.now() - began;
    const latencies = await trackerLatencies(h);
    return [
      { name: `${label}: packet of ${items} items across ${MEMBERS.length} people: modal answered`, value: round(answeredMs), unit: 'ms', target: '< 3000 ms' },
      { name: `${label}: … every request stored (one transaction)`, value: round(createdMs / 1000, 2), unit: 's', target: '< 3 s' },
      { name: `${label}: … every request routed, its cards sent, members told`, value: round(routedMs / 1000, 2), unit: 's' },
      { name: `${label}: tracker updated after an item changes, p50`, value: round(percentile(latencies, 50)), unit: 'ms', target: '< 1000 ms' },
      { name: `${label}: tracker updated after an item changes, max`, value: round(Math.max(...latencies)), unit: 'ms', target: '< 1000 ms' },
    ];
  } finally {
    await h.close();
    await shared.db.close();
    shared.slack.close();
  }
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the packet');
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** The harness's own wait uses vitest's poll, which runs only under vitest. */
async function effectsDone(h: Harness): Promise<void> {
  await until(async () => (await h.db.pool.query(`select 1 from effects where status = 'pending' and due_at <= now() + interval '2 seconds'`)).rowCount === 0);
  await h.settled();
}

/** Members decline one item each: from the click to the tracker's chat.update. */
async function trackerLatencies(h: Harness): Promise<number[]> {
  const { rows } = await h.db.pool.query<{ request_id: number; member_id: string }>(
    `select distinct on (member_id) request_id, member_id from packet_items where request_id is not null order by member_id, request_id limit $1`,
    [DECLINES],
  );
  const latencies: number[] = [];
  for (const row of rows) {
    const clicked = performance.now();
    await h.interact(packetClick(row.member_id, PACKET_ACTION.decline, row.request_id));
    await effectsDone(h);
    const update = h.slack.calls.find((call) => call.at >= clicked && call.method === 'chat.update' && call.args.channel === 'D0COORD1');
    if (!update) throw new Error('the tracker was not updated');
    latencies.push(update.at - clicked);
  }
  return latencies;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchPacketCreate();
  console.table(results.map(({ name, value, unit, target }) => ({ measure: name, value: `${value} ${unit}`, target: target ?? '' })));
}
