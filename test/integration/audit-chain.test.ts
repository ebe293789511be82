/**
 * Contract: every audit event, whichever way it was written (a transaction, a lone
 * statement, a batch, a skipped duplicate), joins one hash chain when its transaction
 * commits; concurrent writers on PostgreSQL never fork it; events written before the chain
 * existed join it in id order. Verification finds the first event that was edited, removed,
 * re-hashed or slipped in unsealed; TRUNCATE, UPDATE and DELETE are refused.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newRequest, routeStep } from '../../src/domain/lifecycle.js';
import { evaluatePolicy } from '../../src/domain/policy.js';
import { asRequestId, asUserId } from '../../src/domain/types.js';
import { appendAudit, appendAudits } from '../../src/store/audit-log.js';
import { verifyAuditChain } from '../../src/store/audit-trail.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { migrate, MIGRATIONS } from '../../src/store/migrations.js';
import { createRequestStore } from '../../src/store/request-store.js';
import { inTransaction } from '../../src/store/transaction.js';
import { testCatalog } from '../fixtures/catalog.js';
import { createScratchDatabase, openTestDatabase, UNGUARDED, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
beforeEach(() => db.reset());
afterAll(() => db.close());

const system = testCatalog().systems[0]!;
const role = system.roles[1]!;
const now = new Date('2026-11-23T10:00:00.123Z');
const OWNER = asUserId('U0OWNER1');
/** Every character class the canonical form must count right: commas, quotes, line breaks, two- to four-byte UTF-8. */
const PURPOSE = 'Refund "INV-204", then\nclose it — café 🔑';

/** Five events by every path the store writes them: transaction, lone statement, autocommit, duplicate skipped, batch. */
async function writeEveryKind(): Promise<void> {
  const store = createRequestStore(db.pool);
  const input = { requesterId: asUserId('U0REQ1'), systemId: system.id, roleId: role.id, durationMinutes: 60, purpose: PURPOSE };
  const policy = evaluatePolicy({ system, role, durationMinutes: 60, purpose: PURPOSE });
  const created = await store.createRequest(newRequest(input, role, policy, now), { actor: input.requesterId, action: 'request.submitted', surface: 'modal' }, () => []);
  await store.updateRequest(created, routeStep(created, [OWNER], false, now), { actor: 'latchkey', action: 'step.routed', surface: 'system' });
  await store.recordEvent({ actor: OWNER, action: 'step.nudged', surface: 'button' }, created.id, { step: 0 }, now);
  const attempt = { poster: asUserId('U0REQ1'), surface: 'message' as const, at: now, channel: 'C1', ts: '1.1', kind: 'aws_secret_key' as never, label: 'a key', fingerprint: 'fp1' };
  await store.recordCredentialAttempts([attempt, attempt]);
  await inTransaction(db.pool, (client) =>
    appendAudits(client, { actor: 'latchkey', surface: 'job', at: now }, [{ action: 'grant.ending', requestId: created.id, before: { n: 1.5 }, after: { n: 2 } }]));
}

const unguarded = (sql: string) => db.pool.query(`begin; ${UNGUARDED}; ${sql}; commit`);

describe('the chain', () => {
  it('when events are written by every path, then each joins the chain in order and verification holds', async () => {
    await writeEveryKind();

    const { rows } = await db.pool.query('select id::int, seq::int, prev_hash, hash from audit_events order by seq');
    expect(rows.map((row) => [row.id, row.seq])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [6, 5]]);
    rows.forEach((row, i) => expect(row.prev_hash).toBe(i === 0 ? null : rows[i - 1].hash));
    const verdict = await verifyAuditChain(db.pool);
    expect(verdict).toEqual({ intact: true, events: 5, head: rows[4].hash });
  });

  it('when a transaction rolls back, then its events leave no trace in the chain', async () => {
    await writeEveryKind();
    const failed = inTransaction(db.pool, async (client) => {
      await appendAudit(client, { actor: OWNER, action: 'step.approved', surface: 'button' }, { at: now, requestId: asRequestId(1001) });
      throw new Error('crash before commit');
    });
    await expect(failed).rejects.toThrow('crash before commit');
    await db.pool.query(`insert into audit_events (at, actor, action, surface) values (now(), 'latchkey', 'system.started', 'system')`);

    expect(await verifyAuditChain(db.pool)).toMatchObject({ intact: true, events: 6 });
  });
});

describe('tampering', () => {
  beforeEach(writeEveryKind);

  it('when an event is edited, then verification names it', async () => {
    await unguarded(`update audit_events set actor = 'U0EVIL' where id = 3`);
    expect(await verifyAuditChain(db.pool)).toMatchObject({ intact: false, events: 2, fault: 'hash_mismatch', event: { id: '3', actor: 'U0EVIL' } });
  });

  it('when an edited event is hashed again, then the next event no longer links to it', async () => {
    await unguarded(`update audit_events set details = '{"step": 1}' where id = 3; update audit_events set hash = audit_event_hash(audit_events) where id = 3`);
    expect(await verifyAuditChain(db.pool)).toMatchObject({ intact: false, fault: 'wrong_link', event: { id: '4' } });
  });

  it('when an event is removed, then verification names the one after the gap', async () => {
    await unguarded('delete from audit_events where id = 2');
    expect(await verifyAuditChain(db.pool)).toMatchObject({ intact: false, events: 1, fault: 'out_of_sequence', event: { id: '3' } });
  });

  it('when an event is slipped in with the triggers off, then verification says it was never sealed', async () => {
    await unguarded(`insert into audit_events (at, actor, action, surface) values (now(), 'U0EVIL', 'step.approved', 'button')`);
    expect(await verifyAuditChain(db.pool)).toMatchObject({ intact: false, events: 5, fault: 'not_in_chain', event: { actor: 'U0EVIL' } });
  });

  it('when the application connection tries to rewrite history, then update, delete and truncate are all refused', async () => {
    await expect(db.pool.query(`update audit_events set actor = 'U0EVIL' where id = 3`)).rejects.toThrow('append-only');
    await expect(db.pool.query('update audit_events set hash = null')).rejects.toThrow('append-only');
    await expect(db.pool.query('delete from audit_events where id = 3')).rejects.toThrow('append-only');
    await expect(db.pool.query('truncate audit_events cascade')).rejects.toThrow('append-only');
    expect(await verifyAuditChain(db.pool)).toMatchObject({ intact: true, events: 5 });
  });
});

it('when 20 transactions write at once, then their events form one chain without a fork', async () => {
  const write = (n: number) =>
    inTransaction(db.pool, async (client) => {
      await appendAudit(client, { actor: OWNER, action: 'step.nudged', surface: 'button' }, { at: now, requestId: null, details: { n } });
      // Commits interleave with other writers' inserts: the chain is extended at commit.
      await client.query('select pg_sleep(0.02)');
      await appendAudit(client, { actor: OWNER, action: 'step.nudged', surface: 'button' }, { at: now, requestId: null, details: { n, second: true } });
    });
  await Promise.all(Array.from({ length: 20 }, (_, n) => write(n)));

  expect(await verifyAuditChain(db.pool)).toMatchObject({ intact: true, events: 40 });
  const { rows } = await db.pool.query('select count(distinct prev_hash)::int as links, max(seq)::int as last from audit_events');
  expect(rows[0]).toEqual({ links: 39, last: 40 });
});

describe('events written before the chain', () => {
  let old: Database;
  let drop = async () => {};
  beforeAll(async () => {
    const server = process.env.TEST_DATABASE_URL;
    const scratch = server ? await createScratchDatabase(server, 'latchkey_chain') : undefined;
    old = await openDatabase(scratch ? { url: scratch.url } : { memory: true }, { migrate: false });
    drop = scratch?.drop ?? drop;
  });
  afterAll(async () => {
    await old.close();
    await drop();
  });

  it('when migration 7 runs over them, then they join the chain in id order', async () => {
    await old.pool.query('create table schema_migrations (version integer primary key, applied_at timestamptz not null default now())');
    for (const migration of MIGRATIONS.filter((m) => m.version < 7)) {
      await old.pool.query(migration.sql);
      await old.pool.query('insert into schema_migrations (version) values ($1)', [migration.version]);
    }
    await old.pool.query(`insert into audit_events (at, actor, action, surface, details)
      select now() - n * interval '1 minute', 'latchkey', 'step.nudged', 'job', jsonb_build_object('n', n) from generate_series(1, 3) as n`);

    await migrate(old.pool);

    const { rows } = await old.pool.query('select id::int, seq::int from audit_events order by id');
    expect(rows).toEqual([{ id: 1, seq: 1 }, { id: 2, seq: 2 }, { id: 3, seq: 3 }]);
    expect(await verifyAuditChain(old.pool)).toMatchObject({ intact: true, events: 3 });
  });
});
