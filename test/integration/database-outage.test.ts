/**
 * Contract: when the PostgreSQL server drops every connection (a restart, a failover, an
 * administrator's kill), the bot stays up: pooled connections are replaced, the job
 * runner listens again, and the next request goes through. Embedded PGlite has no
 * server to lose, so this runs against PostgreSQL only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { requestSubmission } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Backend pids of the job runner's LISTEN connections: a reconnect shows as a new pid. */
const listeners = async (): Promise<number[]> =>
  (await h.db.pool.query("select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'")).rows.map((row) => row.pid);

it.skipIf(!process.env.TEST_DATABASE_URL)('when the server drops every connection, then the bot carries on and listens again', async () => {
  const before = await listeners();
  expect(before).toHaveLength(1);

  await h.db.pool.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');

  await expect.poll(() => h.logs.some((line) => line.includes('job notifications interrupted')), { timeout: 5_000 }).toBe(true);
  await expect.poll(async () => (await listeners()).filter((pid) => !before.includes(pid)), { timeout: 5_000 }).toHaveLength(1);
  await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Read invoices' }));
  await h.settled();
  const { rows } = await h.db.pool.query('select status from requests');
  expect(rows).toEqual([{ status: 'pending' }]);
  expect(h.slack.called('chat.postMessage').map((post) => post.channel)).toContain('U0OWNER1');
});
