/**
 * Contract: two bot processes on one database behave as one. Approve clicks for the same
 * step racing into both make one decision, and the other clicker is told it was decided;
 * expiry sweeps racing in both end each grant once (one access.revoked event id, one
 * grant.ended audit event); each effect is carried out once, and nobody gets a second copy
 * of an approval card; grants and revocations of a Slack user group racing across both
 * leave exactly the right members.
 *
 * Meaningful on PostgreSQL (TEST_DATABASE_URL), where the two processes hold separate pools
 * and truly overlap; on embedded PGlite the same cases run over its one shared socket.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { expireDueGrants } from '../../src/operations/expire-due-grants.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { TEAM } from '../helpers/fake-slack.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, requestSubmission, type RequestFields } from '../helpers/payloads.js';

const env = { HOOK_SECRET: 'webhook-secret-for-tests-3b7e0c5d9a1f4e2b' };
const GROUP = 'S0CMSEDITORS';
const PEOPLE = ['U0P1', 'U0P2', 'U0P3', 'U0P4', 'U0P5', 'U0P6', 'U0P7', 'U0P8'];
const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const editor: RequestFields = { system: 'cms', role: 'editor', minutes: 1440, purpose: 'Publish the launch page' };

interface Delivery {
  type: string;
  id: string;
  requestId: string;
}

let a: Harness;
let b: Harness;
let server: ReturnType<typeof createServer>;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const json = JSON.parse(body);
    deliveries.push({ type: json.type, id: json.id, requestId: json.request_id });
    res.writeHead(200).end();
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/latchkey`;
  const catalog = testCatalog(
    TEST_CATALOG_YAML.replace('    owners: [U0OWNER1, U0OWNER2]\n', `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${url}", secret_env: HOOK_SECRET }\n`)
      .replace('    owners: [S0CMSOWNERS]\n', `    owners: [S0CMSOWNERS]\n    revoker: { type: slack_usergroup, usergroup: ${GROUP} }\n`),
  );
  a = await startHarness({ catalog, env });
  b = await startHarness({ shared: a, catalog, env });
  for (const id of PEOPLE) a.slack.people.set(id, { id, team_id: TEAM, tz: 'Europe/Berlin' });
});
beforeEach(async () => {
  await b.settled();
  await a.reset();
  deliveries.length = 0;
  a.slack.groups.set(GROUP, ['U0SOMEONE']);
  a.slack.disabled.delete(GROUP);
});
afterAll(async () => {
  await b.close();
  await a.close();
  await new Promise<void>((done) => server.close(() => done()));
});

const both = async () => {
  await Promise.all([a.settled(), b.settled()]);
  await a.effectsDone();
  await Promise.all([a.settled(), b.settled()]);
};
const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await a.db.pool.query(sql, params)).rows as T[];
const press = (h: Harness, user: string, action: string, id: number) =>
  h.interact({ ...cardClick(user, action, id), actions: [{ type: 'button', action_id: action, value: String(id) }] });

/** Submits one request per person, alternating processes, and waits for the cards; the ids in the people's order. */
async function submitAll(people: string[], fields: RequestFields): Promise<number[]> {
  await Promise.all(people.map((person, i) => (i % 2 ? b : a).interact(requestSubmission(person, fields))));
  await both();
  // In the people's order: ids are drawn in whichever order the two processes got there.
  const rows = await q<{ id: number }>('select id from requests where requester_id = any($1) order by array_position($1, requester_id)', [people]);
  expect(rows).toHaveLength(people.length);
  return rows.map((row) => row.id);
}

/** Each effect was carried out once: claimed once and done, none left or given up. */
async function assertEffectsOnce(): Promise<void> {
  expect(await q(`select key, status, attempts from effects where status <> 'done' or attempts <> 1`)).toEqual([]);
}

/** No recipient got two approval cards for one step of one request. */
function assertCardsOnce(): void {
  const cards = a.slack.called('chat.postMessage').filter((post) => JSON.stringify(post.blocks ?? []).includes(ACTION.approve));
  const seen = new Map<string, number>();
  for (const card of cards) {
    const target = /"value":"(\d+:\d+)"/.exec(JSON.stringify(card.blocks))?.[1];
    const key = `${card.channel} ${target}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  expect(cards.length).toBeGreaterThan(0);
  expect([...seen].filter(([, n]) => n > 1), 'approval cards sent twice').toEqual([]);
}

describe('two processes on one database', () => {
  it('when two owners approve the same step at once, in the two processes, then one decision is made and the other is told', async () => {
    const [id] = await submitAll(['U0REQ1'], viewer);
    a.slack.reset();

    const clicks = await Promise.all([
      a.interact(cardClick('U0OWNER1', ACTION.approve, id!)),
      b.interact(cardClick('U0OWNER2', ACTION.approve, id!)),
    ]);
    await both();

    expect(clicks.map((click) => click.status)).toEqual([200, 200]);
    const decisions = await q(`select actor from audit_events where request_id = $1 and action in ('step.approved', 'step.denied')`, [id]);
    expect(decisions).toHaveLength(1);
    expect(await q('select status from grants where request_id = $1', [id])).toEqual([{ status: 'active' }]);
    const loser = decisions[0].actor === 'U0OWNER1' ? 'U0OWNER2' : 'U0OWNER1';
    expect(a.slack.replies(), `${loser} is told`).toHaveLength(1);
    expect(a.slack.replies()[0]).toMatch(/already approved by <@U0OWNER[12]>|is approved, so nothing was changed/);
    expect(deliveries.map((d) => d.type)).toEqual(['access.granted']);
    await assertEffectsOnce();
  });

  it('when many clicks race for each step of many requests, then each step is decided once and every card is sent once', async () => {
    const ids = await submitAll(PEOPLE.slice(0, 6), viewer);
    await Promise.all(ids.flatMap((id) => [
      a.interact(cardClick('U0OWNER1', ACTION.approve, id)),
      b.interact(cardClick('U0OWNER2', ACTION.approve, id)),
      b.interact(cardClick('U0OWNER1', ACTION.approve, id)),
    ]));
    await both();

    const decided = await q<{ request_id: number; n: number }>(
      `select request_id, count(*)::int as n from audit_events where action = 'step.approved' group by request_id order by request_id`,
    );
    expect(decided).toEqual([...ids].sort((x, y) => x - y).map((id) => ({ request_id: id, n: 1 })));
    expect(await q(`select count(*)::int as n from grants where status = 'active'`)).toEqual([{ n: ids.length }]);
    expect(deliveries.filter((d) => d.type === 'access.granted')).toHaveLength(ids.length);
    assertCardsOnce();
    await assertEffectsOnce();
  });

  it('when both processes sweep expired grants at once, then each grant is revoked once, with one event id and one audit event', async () => {
    const ids = await submitAll(PEOPLE, viewer);
    await Promise.all(ids.map((id, i) => (i % 2 ? b : a).interact(cardClick('U0OWNER1', ACTION.approve, id))));
    await both();
    await a.db.pool.query(`update grants set expires_at = now() - interval '1 second'`);

    // Both processes' sweep jobs, and the sweep called directly in each, all at once.
    await Promise.all([
      a.runJobs('expire-due-grants'),
      b.runJobs('expire-due-grants'),
      expireDueGrants(a.latchkey.deps),
      expireDueGrants(b.latchkey.deps),
      expireDueGrants(b.latchkey.deps),
    ]);
    await both();

    expect(await q(`select distinct status, end_reason from grants`)).toEqual([{ status: 'ended', end_reason: 'expired' }]);
    for (const id of ids) {
      const revoked = deliveries.filter((d) => d.type === 'access.revoked' && d.requestId === `AR-${id}`);
      expect(revoked, `AR-${id}`).toHaveLength(1);
    }
    expect(new Set(deliveries.filter((d) => d.type === 'access.revoked').map((d) => d.id)).size).toBe(ids.length);
    const audits = await q<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_events where action in ('grant.ending', 'grant.ended') group by action order by action`,
    );
    expect(audits).toEqual([{ action: 'grant.ended', n: ids.length }, { action: 'grant.ending', n: ids.length }]);
    await assertEffectsOnce();
  });

  it('when user-group grants and revocations of different people race across the two processes, then the group has exactly the right members', async () => {
    const [first, second] = [PEOPLE.slice(0, 4), PEOPLE.slice(4)];
    const firstIds = await submitAll(first, editor);
    // The first four are granted, racing across both processes.
    await Promise.all(firstIds.map((id, i) => (i % 2 ? b : a).interact(cardClick(i % 2 ? 'U0CMS2' : 'U0CMS1', ACTION.approve, id))));
    await both();
    expect([...a.slack.groups.get(GROUP)!].sort()).toEqual(['U0SOMEONE', ...first].sort());

    const secondIds = await submitAll(second, editor);
    // Two of the first leave (a release and a revoke) while the next four are granted, all at once.
    await Promise.all([
      press(a, first[0]!, ACTION.releaseGrant, firstIds[0]!),
      press(b, 'U0CMS2', ACTION.revokeGrant, firstIds[1]!),
      ...secondIds.map((id, i) => (i % 2 ? a : b).interact(cardClick('U0CMS1', ACTION.approve, id))),
    ]);
    await both();
    // Then the rest of the first ones end by expiry in one process while a new grant is released in the other.
    await a.db.pool.query(`update grants set expires_at = now() - interval '1 second' where request_id = any($1)`, [firstIds.slice(2)]);
    await Promise.all([expireDueGrants(a.latchkey.deps), press(b, second[0]!, ACTION.releaseGrant, secondIds[0]!), expireDueGrants(b.latchkey.deps)]);
    await both();

    const active = await q<{ user_id: string }>(`select user_id from grants where status = 'active' order by user_id`);
    expect(active.map((row) => row.user_id)).toEqual(second.slice(1));
    expect(await q(`select distinct status from grants where status <> 'active'`)).toEqual([{ status: 'ended' }]);
    expect([...a.slack.groups.get(GROUP)!].sort()).toEqual(['U0SOMEONE', ...second.slice(1)].sort());
    expect(a.slack.disabled.has(GROUP)).toBe(false);
    await assertEffectsOnce();
  });
});
