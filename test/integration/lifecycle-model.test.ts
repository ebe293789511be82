/**
 * Contract: whatever happens, in whatever order — requests submitted, approved, denied,
 * cancelled; grants expiring, released, revoked, extended; a grantee leaving; the webhook
 * receiver failing and coming back; the bot restarting mid-flight with effects it had
 * claimed; reconciliation — once the effects have drained, the DATABASE tells the truth:
 * every approved request has exactly one grant; every grant past its end is ended, or
 * revocation_failed with an alert; a provisioned grant got exactly one access.revoked event
 * id once ended (an extended one none), an unprovisioned one none; every request and grant
 * change has exactly one audit event; nobody holds a role twice; nothing due is left.
 *
 * Model-based: fast-check generates command lists (a few requests, then anything), run in
 * order against one bot reused across runs. Commands read their targets from the database,
 * so the model holds only what the database cannot say (who has left). On failure
 * fast-check prints the seed and the shrunk command list; MODEL_SEED and MODEL_RUNS replay
 * or widen the search.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { reconcile } from '../../src/operations/reconcile.js';
import { verifyWebhook } from '../../src/revokers/webhook.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, denySubmission, messageEvent, requestSubmission, type RequestFields } from '../helpers/payloads.js';

const SECRET = 'webhook-secret-for-tests-3b7e0c5d9a1f4e2b';
const env = { HOOK_SECRET: SECRET };
const PEOPLE = ['U0REQ1', 'U0REQ2', 'U0OWNER2'] as const;
const ROLES: Record<'viewer' | 'admin', RequestFields> = {
  viewer: { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' },
  admin: { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund a duplicate charge' },
};
const LIVE_ON_TIME = `('active', 'provisioning', 'provisioning_failed')`;

/** One delivery to the receiver, with the status it was answered: 2xx means handled. */
interface Delivery {
  type: string;
  id: string;
  requestId: string;
  status: number;
  signed: boolean;
}

/** The bot as it runs now (it changes on a restart), the data it shares, and the receiver. */
interface World {
  base: Harness;
  cur: Harness;
  catalog: ReturnType<typeof testCatalog>;
  deliveries: Delivery[];
  close(): Promise<void>;
}

interface Model {
  /** Deactivated in this run: they ask for nothing more. */
  gone: Set<string>;
}

let w: World;

async function startReceiver(): Promise<Pick<World, 'deliveries' | 'close'> & { url: string; status: { code: number } }> {
  const deliveries: Delivery[] = [];
  const status = { code: 200 };
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const json = JSON.parse(body);
    const code = status.code;
    const signed = verifyWebhook(SECRET, req.headers, body, Math.floor(Date.now() / 1000));
    deliveries.push({ type: json.type, id: json.id, requestId: json.request_id, status: code, signed });
    res.writeHead(code).end();
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    deliveries,
    status,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/latchkey`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

let receiverStatus: { code: number };

beforeAll(async () => {
  const receiver = await startReceiver();
  receiverStatus = receiver.status;
  const catalog = testCatalog(
    TEST_CATALOG_YAML.replace('    owners: [U0OWNER1, U0OWNER2]\n', `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`),
  );
  const base = await startHarness({ catalog, env });
  w = { base, cur: base, catalog, deliveries: receiver.deliveries, close: receiver.close };
});
afterAll(async () => {
  if (w.cur !== w.base) await w.cur.close();
  await w.base.close();
  await w.close();
});

// ---- reading the database -------------------------------------------------------------

const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await w.base.db.pool.query(sql, params)).rows as T[];

/** The `pick`-th of some rows, cycling; undefined when there are none. */
const nth = <T>(rows: T[], pick: number): T | undefined => (rows.length === 0 ? undefined : rows[pick % rows.length]);

async function pendingRequest(pick: number) {
  const rows = await q<{ id: number; requester_id: string; current_step: number; steps: { approvers: string[] }[]; version: number }>(
    `select id, requester_id, current_step, steps, version from requests where status = 'pending' order by id`,
  );
  return nth(rows, pick);
}

async function liveGrant(pick: number, statuses = `('provisioning', 'active', 'ending', 'provisioning_failed', 'revocation_failed')`) {
  return nth(await q<{ request_id: number; user_id: string; role_id: string; status: string }>(
    `select request_id, user_id, role_id, status from grants where status in ${statuses} order by request_id`,
  ), pick);
}

async function settle(): Promise<void> {
  await w.cur.settled();
}

const press = (user: string, action: string, id: number) =>
  w.cur.interact({ ...cardClick(user, action, id), actions: [{ type: 'button', action_id: action, value: String(id) }] });

/** Approves the request's current step as its first approver; false when it is not waiting. */
async function approveStep(id: number): Promise<boolean> {
  const [row] = await q<{ status: string; current_step: number; steps: { approvers: string[] }[]; version: number }>(
    'select status, current_step, steps, version from requests where id = $1',
    [id],
  );
  const approver = row?.status === 'pending' ? row.steps[row.current_step]?.approvers[0] : undefined;
  if (!row || !approver) return false;
  await w.cur.interact(cardClick(approver, ACTION.approve, id, row.current_step));
  await settle();
  const [after] = await q<{ status: string; current_step: number }>('select status, current_step from requests where id = $1', [id]);
  // One process, one click: the current step's approver always decides it.
  expect(after!.status !== 'pending' || after!.current_step > row.current_step, `AR-${id} step ${row.current_step} was not decided`).toBe(true);
  return true;
}

// ---- commands ---------------------------------------------------------------------------

/** A step of a run: skipped when the model says it no longer applies; prints as itself in a counterexample. */
interface Cmd {
  check(m: Readonly<Model>): boolean;
  run(m: Model): Promise<void>;
  toString(): string;
}
const always = () => true;

class Submit implements Cmd {
  constructor(readonly user: string, readonly role: keyof typeof ROLES) {}
  check = (m: Readonly<Model>) => !m.gone.has(this.user);
  async run() {
    const fields = ROLES[this.role];
    const held = (except = 0) =>
      q(
        `select 1 from requests where requester_id = $1 and system_id = 'billing' and role_id = $2 and status in ('pending', 'blocked') and id <> $3
         union all select 1 from grants where user_id = $1 and system_id = 'billing' and role_id = $2 and status <> 'ended'`,
        [this.user, this.role, except],
      );
    const before = await held();
    const res = await w.cur.interact(requestSubmission(this.user, fields));
    await settle();
    // Refused exactly when the person has it open or holds it: an ended grant never counts.
    // A removal in flight may end a grant between the look and the click, so each answer
    // is checked against the side of the click where it could not have changed.
    if (res.body !== '') {
      expect(res.json().response_action).toBe('errors');
      expect(before.length, 'refused though nothing was open or held').toBeGreaterThan(0);
      return;
    }
    const [created] = await q<{ id: number }>('select max(id) as id from requests where requester_id = $1 and role_id = $2', [this.user, this.role]);
    expect(await held(created!.id), 'accepted while open or held').toEqual([]);
  }
  toString = () => `submit(${this.user}, ${this.role})`;
}

class Approve implements Cmd {
  constructor(readonly pick: number) {}
  check = always;
  async run() {
    const request = await pendingRequest(this.pick);
    if (request) await approveStep(request.id);
  }
  toString = () => `approve(#${this.pick})`;
}

class Deny implements Cmd {
  constructor(readonly pick: number) {}
  check = always;
  async run() {
    const request = await pendingRequest(this.pick);
    const approver = request?.steps[request.current_step]?.approvers[0];
    if (!request || !approver) return;
    await w.cur.interact(cardClick(approver, ACTION.deny, request.id, request.current_step));
    await settle();
    const res = await w.cur.interact(denySubmission(approver, request.id, 'Not for this quarter', request.current_step));
    await settle();
    expect(res.body).toBe('');
  }
  toString = () => `deny(#${this.pick})`;
}

class Cancel implements Cmd {
  constructor(readonly pick: number) {}
  check = always;
  async run() {
    const request = await pendingRequest(this.pick);
    if (!request) return;
    await w.cur.command(request.requester_id, `cancel AR-${request.id}`);
    await settle();
    expect((await q('select status from requests where id = $1', [request.id]))[0].status).toBe('cancelled');
  }
  toString = () => `cancel(#${this.pick})`;
}

class Expire implements Cmd {
  constructor(readonly pick: number) {}
  check = always;
  async run() {
    const grant = await liveGrant(this.pick, LIVE_ON_TIME);
    if (grant) await w.base.db.pool.query(`update grants set expires_at = now() - interval '1 second' where request_id = $1`, [grant.request_id]);
    await w.cur.runJobs('expire-due-grants');
  }
  toString = () => `expire(#${this.pick})`;
}

class Release implements Cmd {
  constructor(readonly pick: number) {}
  check = always;
  async run() {
    const grant = await liveGrant(this.pick);
    if (!grant) return;
    await press(grant.user_id, ACTION.releaseGrant, grant.request_id);
    await settle();
  }
  toString = () => `release(#${this.pick})`;
}

class Revoke implements Cmd {
  constructor(readonly pick: number, readonly by: string) {}
  check = always;
  async run() {
    const grant = await liveGrant(this.pick);
    if (!grant) return;
    await press(this.by, ACTION.revokeGrant, grant.request_id);
    await settle();
  }
  toString = () => `revoke(#${this.pick}, ${this.by})`;
}

class Extend implements Cmd {
  constructor(readonly pick: number) {}
  check = always;
  async run(m: Model) {
    const grant = await liveGrant(this.pick, `('active')`);
    if (!grant || m.gone.has(grant.user_id)) return;
    await press(grant.user_id, ACTION.requestExtension, grant.request_id);
    await settle();
    const fields = ROLES[grant.role_id as keyof typeof ROLES];
    const extension = requestSubmission(grant.user_id, { ...fields, purpose: `Extension of AR-${grant.request_id}: it runs late` });
    extension.view.private_metadata = JSON.stringify({ systemId: 'billing', roleId: grant.role_id, extendsRequestId: grant.request_id });
    const res = await w.cur.interact(extension);
    await settle();
    if (res.body !== '') return; // refused on the field (an extension already asked, say)
    const [created] = await q<{ id: number }>('select max(id) as id from requests where extends_request_id = $1', [grant.request_id]);
    while (await approveStep(created!.id));
  }
  toString = () => `extend(#${this.pick})`;
}

class Leaver implements Cmd {
  constructor(readonly user: string) {}
  check = (m: Readonly<Model>) => !m.gone.has(this.user);
  async run(m: Model) {
    m.gone.add(this.user);
    await w.cur.event({ ...messageEvent({}), event: { type: 'user_change', user: { id: this.user, deleted: true }, event_ts: '1.2' } });
    await settle();
  }
  toString = () => `leaver(${this.user})`;
}

class Receiver implements Cmd {
  constructor(readonly status: 200 | 500) {}
  check = always;
  async run() {
    receiverStatus.code = this.status;
  }
  toString = () => `receiver answers ${this.status}`;
}

/**
 * The process goes away and another starts on the same database. What it had claimed and
 * not finished is left leased, as a SIGKILLed runner leaves it: claimed again once the
 * lease runs out.
 */
class Restart implements Cmd {
  check = always;
  async run() {
    const old = w.cur;
    await old.latchkey.stop().catch(() => undefined);
    await w.base.db.pool.query(
      `update effects set attempts = attempts + 1, locked_until = now() + interval '300 milliseconds' where status = 'pending' and due_at <= now()`,
    );
    w.cur = await startHarness({ shared: w.base, catalog: w.catalog, env });
    if (old !== w.base) await old.close();
  }
  toString = () => 'crash and restart';
}

class Reconcile implements Cmd {
  check = always;
  async run() {
    await reconcile(w.cur.latchkey.deps);
    await settle();
  }
  toString = () => 'reconcile';
}

const pick = fc.nat({ max: 7 });
const submit = fc.tuple(fc.constantFrom(...PEOPLE), fc.constantFrom<'viewer' | 'admin'>('viewer', 'viewer', 'admin')).map(([u, r]) => new Submit(u, r));
const approve = pick.map((p) => new Approve(p));
/** Weighted by repetition: requests must be asked and approved often for grants to exist at all. */
const commands = [
  submit, submit, submit, submit,
  approve, approve, approve, approve, approve, approve,
  pick.map((p) => new Deny(p)),
  pick.map((p) => new Cancel(p)),
  pick.map((p) => new Expire(p)),
  pick.map((p) => new Expire(p)),
  pick.map((p) => new Release(p)),
  fc.tuple(pick, fc.constantFrom('U0OWNER1', 'U0SEC1')).map(([p, by]) => new Revoke(p, by)),
  pick.map((p) => new Extend(p)),
  pick.map((p) => new Extend(p)),
  fc.constantFrom(...PEOPLE).map((u) => new Leaver(u)),
  fc.constantFrom<200 | 500>(500, 200).map((s) => new Receiver(s)),
  fc.constant(null).map(() => new Restart()),
  fc.constant(null).map(() => new Reconcile()),
];

/** A few requests first, so that most runs have grants to end; then anything. */
const scenario = fc
  .tuple(fc.array(submit, { minLength: 2, maxLength: 3 }), fc.array(fc.oneof(...commands), { minLength: 4, maxLength: 12 }))
  .map(([first, then]) => [...first, ...then]);

// ---- invariants, read from the database --------------------------------------------------

interface GrantRow {
  request_id: number;
  user_id: string;
  role_id: string;
  status: string;
  end_reason: string | null;
  version: number;
  past_end: boolean;
}

async function drain(): Promise<void> {
  await w.cur.effectsDone();
  await w.cur.runJobs('expire-due-grants');
  await w.cur.effectsDone();
}

/** Every change of a request or a grant is one audit event: a gapless chain of versions ending at the row's own. */
async function assertAuditChains(): Promise<void> {
  const audit = await q<{ request_id: number; action: string; before: any; after: any }>(
    `select request_id, action, before, after from audit_events where request_id is not null and after is not null order by id`,
  );
  const chains = new Map<string, typeof audit>();
  for (const row of audit) {
    const key = `${row.action.startsWith('grant.') ? 'grant' : 'request'}:${row.request_id}`;
    chains.set(key, [...(chains.get(key) ?? []), row]);
  }
  const rows = [
    ...(await q<{ id: number; status: string; version: number }>('select id, status, version from requests')).map((r) => ({ key: `request:${r.id}`, ...r })),
    ...(await q<{ id: number; status: string; version: number }>('select request_id as id, status, version from grants')).map((g) => ({ key: `grant:${g.id}`, ...g })),
  ];
  expect(chains.size, 'audit events for rows that do not exist').toBe(rows.length);
  for (const row of rows) {
    const chain = chains.get(row.key) ?? [];
    expect(chain.length, `${row.key} has no audit event`).toBeGreaterThan(0);
    expect(chain[0]!.before, `${row.key} starts without a creation event`).toBeNull();
    const versions = chain.map((event) => event.after.version);
    expect(versions, `${row.key}: one audit event per version (${chain.map((e) => e.action).join(', ')})`).toEqual(
      versions.map((_, i) => versions[0] + i),
    );
    for (const event of chain.slice(1)) expect(event.before.version, `${row.key} ${event.action}`).toBe(event.after.version - 1);
    expect(versions.at(-1), `${row.key}: the last audit event is the row's version`).toBe(row.version);
    expect(chain.at(-1)!.after.status, `${row.key}: the last audit event is the row's status`).toBe(row.status);
  }
  const once = await q(
    `select request_id, action, count(*)::int as n from audit_events
     where action in ('request.submitted', 'request.cancelled', 'request.cancelled_leaver', 'step.denied', 'grant.created', 'grant.activated',
       'grant.ending', 'grant.ended', 'grant.extended', 'grant.revocation_failed', 'grant.provisioning_failed')
     group by request_id, action having count(*) > 1`,
  );
  expect(once, 'an action recorded twice for one request').toEqual([]);
}

async function assertLiveInvariants(): Promise<void> {
  expect(
    await q(`select r.id from requests r left join grants g on g.request_id = r.id where (r.status = 'approved') <> (g.request_id is not null)`),
    'approved requests without a grant, or grants of requests not approved',
  ).toEqual([]);
  expect(
    await q(`select user_id, system_id, role_id, array_agg(request_id order by request_id) as grants, array_agg(status) as statuses
             from grants where status <> 'ended' group by user_id, system_id, role_id having count(*) > 1`),
    'someone holds a role twice',
  ).toEqual([]);
  expect(await q(`select key, attempts, last_error from effects where status = 'pending' and due_at <= now()`), 'effects due and not done').toEqual([]);
  expect(await q(`select key, last_error from effects where status = 'failed' and kind not in ('provision', 'revoke', 'extend')`), 'effects given up').toEqual([]);
  expect(
    await q(`select e.key from effects e where e.kind = 'extend' and e.status = 'failed' and not exists (
               select 1 from effects a where a.request_id = e.request_id and a.kind = 'alert' and a.payload ->> 'news' = 'extension_failed')`),
    'an extension the system never heard of, and nobody told',
  ).toEqual([]);
  await assertAuditChains();
}

async function assertEndInvariants(): Promise<void> {
  const grants = await q<GrantRow>('select request_id, user_id, role_id, status, end_reason, version, expires_at <= now() as past_end from grants');
  const activated = new Set(
    (await q<{ request_id: number }>(`select distinct request_id from audit_events where action like 'grant.%' and after ->> 'status' = 'active'`)).map((r) => r.request_id),
  );
  const alerts = new Set((await q<{ request_id: number }>(`select request_id from effects where kind = 'alert' and payload ->> 'news' = 'revocation_failed' and status = 'done'`)).map((r) => r.request_id));
  expect(w.deliveries.filter((d) => !d.signed), 'unsigned webhook deliveries').toEqual([]);
  for (const g of grants) {
    const ar = `AR-${g.request_id}`;
    const deliveries = w.deliveries.filter((d) => d.requestId === ar);
    const revokedIds = new Set(deliveries.filter((d) => d.type === 'access.revoked').map((d) => d.id));
    const revokedOk = deliveries.some((d) => d.type === 'access.revoked' && d.status < 300);
    const grantedOk = deliveries.some((d) => d.type === 'access.granted' && d.status < 300);
    const provisioned = activated.has(g.request_id) || grantedOk;
    const what = `${ar} (${g.status}${g.end_reason ? `, ${g.end_reason}` : ''}; deliveries ${JSON.stringify(deliveries.map((d) => `${d.type}:${d.status}`))})`;
    expect(revokedIds.size, `${what}: one access.revoked event id at most`).toBeLessThanOrEqual(1);
    if (g.past_end) expect(['ended', 'revocation_failed'], `${what} is past its end`).toContain(g.status);
    if (g.status === 'revocation_failed') expect(alerts.has(g.request_id), `${what} failed with no alert`).toBe(true);
    if (g.status !== 'ended') continue;
    if (g.end_reason === 'extended' || !provisioned) {
      expect(revokedIds.size, `${what}: ${provisioned ? 'extended' : 'never provisioned'}, so nothing to revoke`).toBe(0);
    } else {
      expect(revokedIds.size, `${what}: provisioned and ended, so revoked once`).toBe(1);
      expect(revokedOk, `${what}: the revocation was handled`).toBe(true);
    }
  }
}

it('keeps the lifecycle true under random interleavings of people, jobs, failures and restarts', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async (cmds) => {
      await w.cur.settled();
      await w.base.reset();
      w.deliveries.length = 0;
      receiverStatus.code = 200;
      const model: Model = { gone: new Set() };
      for (const cmd of cmds) if (cmd.check(model)) await cmd.run(model);
      await drain();
      await assertLiveInvariants();
      // Then everything still live reaches its end, with the receiver as the run left it.
      await w.base.db.pool.query(`update grants set expires_at = now() - interval '1 second' where status in ${LIVE_ON_TIME}`);
      await drain();
      await assertLiveInvariants();
      await assertEndInvariants();
    }),
    { numRuns: Number(process.env.MODEL_RUNS ?? 20), ...(process.env.MODEL_SEED ? { seed: Number(process.env.MODEL_SEED) } : {}) },
  );
}, 300_000);
