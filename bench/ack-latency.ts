/**
 * Acknowledgement latency as Slack sees it: from sending a signed request to the HTTP
 * response, for `/access`, the modal submission and an approve click, with 50 requesters
 * at once against the real app and database (Slack's Web API faked locally).
 */
import { ACTION } from '../blocks/ids.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { cardClick, requestSubmission } from '../test/helpers/payloads.js';
import type { BenchResult } from './result.js';
import { percentile, round } from './stats.js';

const CONCURRENCY = 50;
const ROUNDS = 4;

export async function benchAckLatency(): Promise<BenchResult[]> {
  const h = await startHarness();
  const samples = { command: [] as number[], submission: [] as number[], approve: [] as number[] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const users = Array.from({ length: CONCURRENCY }, (_, i) => `U0BENCH${r}X${i}`);
      users.forEach((id) => h.slack.people.set(id, { id, team_id: 'T0LATCH' }));
      samples.command.push(...(await timeAll(users.map((u) => () => h.command(u)))));
      const firstId = 1001 + r * CONCURRENCY;
      samples.submission.push(...(await timeAll(users.map((u) => () => h.interact(requestSubmission(u, submission))))));
      await h.settled();
      const ids = users.map((_, i) => firstId + i);
      samples.approve.push(...(await timeAll(ids.map((id) => () => h.interact(cardClick('U0OWNER1', ACTION.approve, id))))));
      await h.settled();
    }
    await assertAllApproved(h, ROUNDS * CONCURRENCY);
  } finally {
    await h.close();
  }
  return Object.entries(samples).flatMap(([kind, values]) => [
    { name: `ack ${kind} p50 (50 concurrent)`, value: round(percentile(values, 50)), unit: 'ms' },
    { name: `ack ${kind} p99 (50 concurrent)`, value: round(percentile(values, 99)), unit: 'ms', target: '< 300 ms' },
    { name: `ack ${kind} max (50 concurrent)`, value: round(Math.max(...values)), unit: 'ms', target: '< 3000 ms' },
  ]);
}

const submission = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Check invoices for the quarterly close' };

/** Starts every request at once and returns each one's time to its HTTP response. */
async function timeAll(sends: (() => Promise<{ status: number }>)[]): Promise<number[]> {
  return Promise.all(
    sends.map(async (send) => {
      const started = performance.now();
      const res = await send();
      if (res.status !== 200) throw new Error(`unexpected HTTP ${res.status}`);
      return performance.now() - started;
    }),
  );
}

/** The numbers only count if the work was really done. */
async function assertAllApproved(h: Harness, expected: number): Promise<void> {
  const { rows } = await h.db.pool.query("select count(*)::int as n from requests where status = 'approved'");
  if (rows[0].n !== expected) throw new Error(`expected ${expected} approved requests, found ${rows[0].n}`);
}
