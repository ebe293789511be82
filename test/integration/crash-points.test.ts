/**
 * Contract: a crash at any boundary of approve → grant → provision and expire → revoke →
 * told loses nothing and doubles nothing. The real bot runs in a child process; it is
 * SIGKILLed at the boundary and started again on the same database. Then the grant exists
 * and ends up active (or ended); the webhook receiver saw each event type under exactly one
 * id (a repeat after a kill mid-call carries the same id); each state change has exactly
 * one audit event; and nothing is left pending in the outbox.
 *
 * Nothing is freed by hand: what the killed process held frees itself, at the restart on
 * the embedded database (one process owns it), within the 10 s effect lease on PostgreSQL.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';
import { startChildBot, type ChildBot } from '../helpers/child-bot.js';
import { TEAM, type SlackCall } from '../helpers/fake-slack.js';
import { cardClick, requestSubmission } from '../helpers/payloads.js';
import { startSlackServer, type SlackServer } from '../helpers/slack-server.js';

const SECRET = 'crash-test-webhook-secret-7c1e5a9d3b2f4e6a';

interface Hook {
  type: string;
  id: string;
  request: string;
  headerId: string;
}
type Phase = 'received' | 'answered';

let slack: SlackServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let bot: ChildBot;
/** Set by a hook that killed the bot; the test restarts it. */
let crashed: Promise<void> | undefined;

beforeAll(async () => {
  slack = await startSlackServer();
  receiver = await startReceiver();
  const yaml = TEST_CATALOG_YAML.replace(
    '    owners: [U0OWNER1, U0OWNER2]\n',
    `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`,
  );
  bot = await startChildBot({ catalogYaml: yaml, slack, env: { HOOK_SECRET: SECRET } });
}, 60_000);
afterAll(async () => {
  await bot?.close();
  await receiver?.close();
  await slack?.close();
});

/** Kills the bot from inside a hook (before or after a call is answered). */
function crash(): Promise<void> {
  crashed = bot.kill();
  return crashed;
}

/** A hook that kills the bot the first time `when` holds, and never again. */
function crashOnce<A extends unknown[]>(when: (...args: A) => boolean): (...args: A) => Promise<void> | undefined {
  let armed = true;
  return (...args) => (armed && when(...args) ? ((armed = false), crash()) : undefined);
}

/** Waits for the crash a hook caused and starts the bot again on the same database. */
async function restartAfterCrash(): Promise<void> {
  await waitFor(async () => crashed !== undefined, Boolean, 25_000);
  await crashed;
  crashed = undefined;
  await bot.start();
}

let people = 0;
/** A new requester (so no request of theirs is open), asking for billing viewer. */
async function submitted(): Promise<{ id: number; user: string; ar: string }> {
  const user = `U0CRASH${++people}`;
  slack.fake.people.set(user, { id: user, team_id: TEAM, tz: 'Europe/Berlin' });
  expect((await bot.interact(requestSubmission(user, { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' }))).status).toBe(200);
  const [row] = await waitFor(() => bot.sql<{ id: number }>('select id from requests where requester_id = $1', [user]), (rows) => rows.length === 1);
  const id = row!.id;
  // The owner approves from the card once it is there, as a person would.
  await waitFor(async () => slack.fake.called('chat.postMessage').filter((p) => p.channel === 'U0OWNER1' && String(p.text).includes(`AR-${id}`)), (p) => p.length > 0);
  return { id, user, ar: `AR-${id}` };
}

const approve = (id: number) => bot.interact({ ...cardClick('U0OWNER1', ACTION.approve, id), response_url: slack.responseUrl });

async function grantStatus(id: number): Promise<string | undefined> {
  return (await bot.sql<{ status: string }>('select status from grants where request_id = $1', [id]))[0]?.status;
}

/**
 * Moves the grant's end into the past and asks for the expiry sweep now. A sweep the job
 * runner already holds for its next turn (it looks a poll interval ahead) runs then.
 */
async function expire(id: number): Promise<void> {
  await bot.sql(`update grants set expires_at = now() - interval '1 second' where request_id = $1`, [id]);
  const [job] = await bot.sql<{ id: string }>(`update agenda_jobs set next_run_at = now() where name = 'expire-due-grants' returning id`);
  // On PostgreSQL the job runner waits for a notification (as Agenda sends one on save).
  if (bot.database === 'postgres') {
    const at = new Date().toISOString();
    await bot.sql('select pg_notify($1, $2)', ['agenda_jobs', JSON.stringify({ jobId: job!.id, jobName: 'expire-due-grants', nextRunAt: at, priority: 0, timestamp: at })]);
  }
}

/** The settled outcome: grant status, webhook ids per type, audit actions, the outbox. */
async function expectExactlyOnce(id: number, ar: string, status: 'active' | 'ended') {
  await waitFor(() => grantStatus(id), (now) => now === status, 20_000);
  await waitFor(() => bot.sql(`select 1 from effects where request_id = $1 and status = 'pending'`, [id]), (rows) => rows.length === 0, 20_000);
  expect(await grantStatus(id)).toBe(status);
  const hooks = receiver.hooks.filter((hook) => hook.request === ar);
  const types = status === 'active' ? ['access.granted'] : ['access.granted', 'access.revoked'];
  for (const type of types) {
    const ofType = hooks.filter((hook) => hook.type === type);
    expect(ofType.length, type).toBeGreaterThan(0);
    expect(new Set(ofType.map((hook) => hook.id)), `${type}: one event id, however often sent`).toHaveProperty('size', 1);
    for (const hook of ofType) expect(hook.headerId).toBe(hook.id);
  }
  expect([...new Set(hooks.map((hook) => hook.type))].sort()).toEqual(types);
  const audit = await bot.sql<{ action: string }>(`select action from audit_events where request_id = $1 and action like 'grant.%' order by id`, [id]);
  const moves = status === 'active' ? ['grant.created', 'grant.activated'] : ['grant.created', 'grant.activated', 'grant.ending', 'grant.ended'];
  expect(audit.map((row) => row.action)).toEqual(moves);
  const approvals = await bot.sql(`select 1 from audit_events where request_id = $1 and action = 'step.approved'`, [id]);
  expect(approvals).toHaveLength(1);
  expect(await bot.sql(`select kind, last_error from effects where request_id = $1 and status <> 'done'`, [id])).toEqual([]);
  return { sends: Object.fromEntries(types.map((type) => [type, hooks.filter((hook) => hook.type === type).length])) };
}

const dmsTo = (user: string, text: string) => slack.fake.called('chat.postMessage').filter((p) => p.channel === user && String(p.text).includes(text));

describe('submit → stored', () => {
  it('when the bot is killed right after acknowledging a submission, then the request is stored once and its cards go out', async () => {
    const user = `U0CRASH${++people}`;
    slack.fake.people.set(user, { id: user, team_id: TEAM, tz: 'Europe/Berlin' });

    expect((await bot.interact(requestSubmission(user, { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' }))).status).toBe(200);
    await crash();
    await restartAfterCrash();

    const [row] = await waitFor(() => bot.sql<{ id: number }>('select id from requests where requester_id = $1', [user]), (rows) => rows.length === 1);
    await waitFor(async () => slack.fake.called('chat.postMessage').filter((p) => p.channel === 'U0OWNER1' && String(p.text).includes(`AR-${row!.id}`)), (p) => p.length > 0);
    expect(await bot.sql(`select 1 from audit_events where request_id = $1 and action = 'request.submitted'`, [row!.id])).toHaveLength(1);
  }, 40_000);
});

describe('approve → grant → provision', () => {
  it('when the bot is killed right after acknowledging the final approval, then the grant is made and provisioned once', async () => {
    const { id, ar } = await submitted();

    expect((await approve(id)).status).toBe(200);
    await crash();
    await restartAfterCrash();

    // The click was recorded before the ack; the restarted bot decides it, once.
    await waitFor(async () => (await bot.sql<{ status: string }>('select status from requests where id = $1', [id]))[0]?.status, (status) => status === 'approved');
    expect(await grantStatus(id)).toBeDefined();
    await expectExactlyOnce(id, ar, 'active');
  }, 40_000);

  it('when the bot is killed while the receiver holds access.granted, then it is sent again under the same id and the grant becomes active once', async () => {
    const { id, ar, user } = await submitted();
    receiver.on = crashOnce((hook: Hook, phase: Phase) => hook.request === ar && hook.type === 'access.granted' && phase === 'received');

    await approve(id);
    await restartAfterCrash();
    receiver.on = undefined;

    const { sends } = await expectExactlyOnce(id, ar, 'active');
    expect(sends['access.granted']).toBe(2);
    await waitFor(async () => dmsTo(user, 'is ready and active'), (dms) => dms.length === 1);
  }, 40_000);

  it('when the bot is killed right after the receiver answered access.granted, then the grant becomes active once', async () => {
    const { id, ar, user } = await submitted();
    receiver.on = crashOnce((hook: Hook, phase: Phase) => hook.request === ar && hook.type === 'access.granted' && phase === 'answered');

    await approve(id);
    await restartAfterCrash();
    receiver.on = undefined;

    await expectExactlyOnce(id, ar, 'active');
    await waitFor(async () => dmsTo(user, 'is ready and active'), (dms) => dms.length === 1);
  }, 40_000);
});

describe('expire → revoke → told', () => {
  async function activeGrant() {
    const request = await submitted();
    await approve(request.id);
    await waitFor(() => grantStatus(request.id), (status) => status === 'active');
    return request;
  }

  it('when the bot is killed while the receiver holds access.revoked, then it is sent again under the same id and the grant ends once', async () => {
    const { id, ar, user } = await activeGrant();
    receiver.on = crashOnce((hook: Hook, phase: Phase) => hook.request === ar && hook.type === 'access.revoked' && phase === 'received');

    await expire(id);
    await restartAfterCrash();
    receiver.on = undefined;

    const { sends } = await expectExactlyOnce(id, ar, 'ended');
    expect(sends['access.revoked']).toBe(2);
    await waitFor(async () => dmsTo(user, 'has ended'), (dms) => dms.length === 1);
  }, 40_000);

  it('when the bot is killed as Slack receives the grantee\'s "has ended" message, then the grant ended once and the grantee is told', async () => {
    const { id, ar, user } = await activeGrant();
    slack.beforeAnswer = crashOnce(({ method, args }: Omit<SlackCall, 'at'>) => method === 'chat.postMessage' && args.channel === user && String(args.text).includes('has ended'));

    await expire(id);
    await restartAfterCrash();
    slack.beforeAnswer = undefined;

    await expectExactlyOnce(id, ar, 'ended');
    // The first message went unanswered, so it is sent again: Slack has no idempotency key
    // for a message, and one repeat of "has ended" is the price of never losing it.
    await waitFor(async () => dmsTo(user, 'has ended'), (dms) => dms.length === 2);
  }, 40_000);
});

/** Polls until `done(value)` holds, then returns the value. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}\n${bot.logs.slice(-15).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A webhook receiver that lets the test act when a call arrives and once it is answered. */
async function startReceiver() {
  const hooks: Hook[] = [];
  const state: { on?: (hook: Hook, phase: Phase) => unknown } = {};
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const json = JSON.parse(body);
    const hook = { type: json.type, id: json.id, request: json.request_id, headerId: String(req.headers['x-latchkey-event-id']) };
    hooks.push(hook);
    res.on('error', () => undefined);
    await state.on?.(hook, 'received');
    res.writeHead(200).end(() => void state.on?.(hook, 'answered'));
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/latchkey`,
    hooks,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  });
}
