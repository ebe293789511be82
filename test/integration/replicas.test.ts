/**
 * Contract: several Latchkey processes in HTTP mode behind a load balancer, on one
 * PostgreSQL, behave as one. Here two real bots (src/main.ts, each its own process and
 * pool) share a database and a fake Slack: the same click delivered to both makes one
 * decision; requests spread across both are each decided once, each card sent once and each
 * effect carried out by one of them; both starting at once schedule each recurring job
 * once; and two runs of the digest job for the same day send one digest, also when the
 * processes die between the claim and the send.
 *
 * PostgreSQL only (TEST_DATABASE_URL): an embedded database belongs to one process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';
import { startChildBot, type ChildBot } from '../helpers/child-bot.js';
import { TEAM } from '../helpers/fake-slack.js';
import { cardClick, requestSubmission } from '../helpers/payloads.js';
import { startSlackServer, type SlackServer } from '../helpers/slack-server.js';

const viewer = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const WAIT = { timeout: 20_000, interval: 50 };

let slack: SlackServer;
let a: ChildBot;
let b: ChildBot;

describe.skipIf(!process.env.TEST_DATABASE_URL)('replicas: two processes on one PostgreSQL', () => {
  beforeAll(async () => {
    slack = await startSlackServer();
    a = await startChildBot({ catalogYaml: TEST_CATALOG_YAML, slack });
    b = await startChildBot({ catalogYaml: TEST_CATALOG_YAML, slack, sharedDatabase: a.databaseUrl! });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await slack?.close();
  });

  const q = <T = any>(sql: string, params: unknown[] = []) => a.sql<T & object>(sql, params);
  /** A click as Slack sends it, replies going to the fake Slack (the loser of a race is told there). */
  const click = (user: string, id: number) => ({ ...cardClick(user, ACTION.approve, id), response_url: slack.responseUrl });

  /** Every effect carried out (none waiting, none given up on), by whichever process. */
  async function settled(): Promise<void> {
    await expect.poll(async () => (await q(`select id from effects where status = 'pending'`)).length, WAIT).toBe(0);
    expect(await q(`select key, last_error from effects where status = 'failed'`)).toEqual([]);
  }

  /** One request per person, the submissions alternating between the processes; ids in the people's order. */
  async function submitAll(people: string[]): Promise<number[]> {
    people.forEach((id) => slack.fake.people.set(id, { id, team_id: TEAM, tz: 'Europe/Berlin' }));
    const acks = await Promise.all(people.map((person, i) => (i % 2 ? b : a).interact(requestSubmission(person, viewer))));
    expect(acks.map((ack) => [ack.status, ack.body])).toEqual(people.map(() => [200, '']));
    await settled();
    const rows = await q<{ id: number }>('select id from requests where requester_id = any($1) order by array_position($1, requester_id)', [people]);
    return rows.map((row) => row.id);
  }

  const decisions = (ids: number[]) =>
    q<{ request_id: number; n: number }>(
      `select request_id, count(*)::int as n from audit_events where action = 'step.approved' and request_id = any($1) group by request_id order by request_id`,
      [ids],
    );

  it('when the same approve click reaches both processes at once, then one decision is made and the grant is made once', async () => {
    const [id] = await submitAll(['U0REP1']);

    const acks = await Promise.all([a, b].map((bot) => bot.interact(click('U0OWNER1', id!))));
    await settled();

    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    expect(await decisions([id!])).toEqual([{ request_id: id, n: 1 }]);
    expect(await q('select status from requests where id = $1', [id])).toEqual([{ status: 'approved' }]);
    expect(await q(`select count(*)::int as n from grants where request_id = $1`, [id])).toEqual([{ n: 1 }]);
    expect(await q(`select count(*)::int as n from effects where request_id = $1 and attempts <> 1`, [id])).toEqual([{ n: 0 }]);
  });

  it('when many requests are submitted and approved across both, each click arriving at both, then each step is decided once and each card and message sent once', async () => {
    const people = Array.from({ length: 10 }, (_, i) => `U0REPMANY${i}`);
    slack.fake.reset();
    const ids = await submitAll(people);

    await Promise.all(ids.flatMap((id, i) => [a.interact(click('U0OWNER1', id)), b.interact(click('U0OWNER1', id)), (i % 2 ? a : b).interact(click('U0OWNER2', id))]));
    await settled();

    expect(await decisions(ids)).toEqual([...ids].sort((x, y) => x - y).map((id) => ({ request_id: id, n: 1 })));
    expect(await q(`select count(*)::int as n from grants where request_id = any($1)`, [ids])).toEqual([{ n: ids.length }]);
    expect(repeated(cardsSent()), 'approval cards sent twice').toEqual([]);
    expect(cardsSent().length).toBe(ids.length * 2); // both owners, once each
    // Each effect (the requester told, the access provisioned, the cards refreshed) was claimed once, in one process.
    expect(await q(`select key, attempts from effects where request_id = any($1) and attempts <> 1`, [ids])).toEqual([]);
  });

  it('when both processes start at once on a database with no jobs yet, then each recurring job is scheduled once', async () => {
    await Promise.all([a.stop(), b.stop()]);
    await q(`delete from agenda_jobs`);
    await Promise.all([a.start(), b.start()]);

    const jobs = await q<{ name: string; n: number }>(`select name, count(*)::int as n from agenda_jobs where repeat_interval is not null group by name`);
    expect(jobs.map((job) => job.name)).toEqual(expect.arrayContaining(['expire-due-grants', 'reconcile', 'send-digest']));
    expect(jobs.filter((job) => job.n !== 1)).toEqual([]);
    // Held by the database, whoever races to schedule them: a unique index on the name of each recurring job.
    const unique = await q<{ indexdef: string }>(`select indexdef from pg_indexes where tablename = 'agenda_jobs' and indexdef like 'CREATE UNIQUE INDEX%'`);
    expect(unique.map((index) => index.indexdef)).toContainEqual(expect.stringMatching(/\(name\) WHERE \(\(type\)::text = 'single'/));
  }, 60_000);

  it('when the digest job runs twice for the same day, in both processes, then one digest goes out', async () => {
    slack.fake.reset();
    // A second copy of the job, as a lapsed lock or a twin schedule would leave it: both run now.
    await q(`insert into agenda_jobs (name, next_run_at, type, data) values ('send-digest', now(), 'normal', '{}')`);
    await q(`update agenda_jobs set next_run_at = now() where name = 'send-digest'`);

    await expect.poll(async () => (await q(`select id from agenda_jobs where name = 'send-digest' and (next_run_at <= now() or locked_at is not null)`)).length, WAIT).toBe(0);
    await settled();

    expect(digests()).toHaveLength(1);
    expect(await q(`select job, claimed_at is not null as claimed from job_runs`)).toEqual([{ job: 'send-digest', claimed: true }]);
  });

  it('when both processes die between claiming the digest and Slack answering its send, then it is sent after a restart, and claimed once', async () => {
    // Another day, as far as the claim and the outbox know.
    await q(`delete from job_runs`);
    await q(`delete from effects where kind = 'send_digest'`);
    slack.fake.reset();
    let killed: Promise<void> | undefined;
    slack.beforeAnswer = (call) => {
      if (!killed && isDigest(call.args)) killed = Promise.all([a.kill(), b.kill()]).then(() => undefined);
      return killed;
    };
    await q(`update agenda_jobs set next_run_at = now() where name = 'send-digest'`);
    await expect.poll(() => killed !== undefined, WAIT).toBe(true);
    await killed;
    slack.beforeAnswer = undefined;
    const unanswered = digests().length;

    await a.start();
    // The dead process's claim on the send lapses with its lease; then the survivor sends it.
    await expect.poll(() => digests().length - unanswered, { ...WAIT, timeout: 30_000 }).toBe(1);
    await settled();
    await b.start();

    expect(await q(`select count(*)::int as n from job_runs`)).toEqual([{ n: 1 }]);
    expect(await q(`select status, attempts from effects where kind = 'send_digest'`)).toEqual([{ status: 'done', attempts: 2 }]);
  }, 60_000);
});

function isDigest(args: Record<string, any>): boolean {
  return args.channel === 'U0COORD1' && String(args.text).startsWith('Access blockers');
}

function digests(): Record<string, any>[] {
  return slack.fake.called('chat.postMessage').filter(isDigest);
}

/** Approval cards posted, as "recipient request:step". */
function cardsSent(): string[] {
  return slack.fake
    .called('chat.postMessage')
    .filter((post) => JSON.stringify(post.blocks ?? []).includes(ACTION.approve))
    .map((post) => `${post.channel} ${/"value":"(\d+:\d+)"/.exec(JSON.stringify(post.blocks))?.[1]}`);
}

function repeated(values: string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}
