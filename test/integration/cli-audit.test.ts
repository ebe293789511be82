/**
 * Contract: `latchkey audit verify` exits 0 with "chain intact: N events" and non-zero
 * naming the first bad event; `latchkey audit export` writes RFC 4180 CSV or JSON lines in
 * chain order, within --from/--to; `latchkey access report` lists the access in place now
 * with who approved it. All read DATABASE_URL or DATA_DIR alone (no Slack tokens), and an
 * embedded data directory a running bot holds is refused with words that say so.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Grant } from '../../src/domain/types.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { GRANT_COLUMNS, grantValues } from '../../src/store/grant-store.js';
import { createRequestStore } from '../../src/store/request-store.js';
import { aRequest, OWNER1, REQUESTER, SECURITY1 } from '../fixtures/requests.js';
import { runLatchkey } from '../helpers/cli.js';
import { createScratchDatabase, UNGUARDED } from '../helpers/database.js';

/** Every command opens the database afresh; embedded PGlite on disk takes seconds to start. */
const EMBEDDED_OPEN_MS = 60_000;
vi.setConfig({ testTimeout: EMBEDDED_OPEN_MS });

let env: Record<string, string>;
let open: () => Promise<Database>;
let cleanUp: () => Promise<void>;

const PURPOSE = 'Refund "INV-204", INV-205\nand close the ticket';
const NOV_2 = new Date('2026-11-02T10:00:00Z');
const NOV_15 = new Date('2026-11-15T10:00:00Z');
const DEC_1 = new Date('2026-12-01T10:00:00Z');

beforeAll(async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const scratch = await createScratchDatabase(server, 'latchkey_cli_audit');
    env = { DATABASE_URL: scratch.url };
    open = () => openDatabase({ url: scratch.url });
    cleanUp = scratch.drop;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'latchkey-cli-audit-'));
    env = { DATA_DIR: join(dir, 'data') };
    open = () => openDatabase({ dataDir: env.DATA_DIR! });
    cleanUp = () => rm(dir, { recursive: true, force: true });
  }
  await withDatabase(seed);
}, EMBEDDED_OPEN_MS * 2);
afterAll(() => cleanUp());

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** One approved request with an active grant, and a later ended one; events on three days. */
async function seed(db: Database): Promise<void> {
  const store = createRequestStore(db.pool);
  const decided = (by: typeof OWNER1) => ({ by, outcome: 'approved' as const, at: NOV_2 });
  const { id: _, ...approved } = aRequest({
    purpose: PURPOSE, status: 'approved', currentStep: 1, createdAt: NOV_2, updatedAt: NOV_2,
    steps: [{ kind: 'owner', approvers: [OWNER1], decision: decided(OWNER1) }, { kind: 'security', approvers: [SECURITY1], decision: decided(SECURITY1) }],
  });
  const first = await store.createRequest(approved, { actor: REQUESTER, action: 'request.submitted', surface: 'modal' }, () => []);
  const second = await store.createRequest({ ...approved, roleId: 'viewer' }, { actor: REQUESTER, action: 'request.submitted', surface: 'modal' }, () => []);
  await store.recordEvent({ actor: OWNER1, action: 'step.nudged', surface: 'button' }, first.id, { step: 1 }, NOV_15);
  await store.recordEvent({ actor: 'latchkey', action: 'grant.ending', surface: 'job' }, second.id, {}, DEC_1);
  const grant = (requestId: typeof first.id, roleId: string, status: Grant['status']): Grant => ({
    requestId, userId: REQUESTER, systemId: 'billing', roleId, collection: 'sso_group', grantedAt: NOV_2,
    expiresAt: new Date('2026-11-02T11:00:00Z'), status, attempts: 0, version: 1,
  });
  for (const g of [grant(first.id, 'admin', 'active'), grant(second.id, 'viewer', 'ended')]) {
    await db.pool.query(`insert into grants (${GRANT_COLUMNS}) values (${grantValues(g).map((_, i) => `$${i + 1}`).join(', ')})`, grantValues(g));
  }
}

/** Parses RFC 4180 text: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  for (const [, field, end] of text.matchAll(/("(?:[^"]|"")*"|[^,"\r\n]*)(,|\r\n)/g)) {
    record.push(field!.startsWith('"') ? field!.slice(1, -1).replaceAll('""', '"') : field!);
    if (end === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  return records;
}

describe('latchkey audit verify', () => {
  it('when the chain is whole, then it says so with the count and exits 0', async () => {
    const run = await runLatchkey(['audit', 'verify'], env);
    expect(run.stdout).toMatch(/^chain intact: 4 events \(head [0-9a-f]{64}\)\n$/);
    expect(run.code).toBe(0);
  });

  it('when the data directory is held by a running bot, then it fails saying so', async () => {
    if (!env.DATA_DIR) return;
    await withDatabase(async () => {
      const run = await runLatchkey(['audit', 'verify'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is in use by another Latchkey process');
    });
  });

  it('when an event was edited, then it exits non-zero naming that event', async () => {
    await withDatabase((db) => db.pool.query(`begin; ${UNGUARDED}; update audit_events set actor = 'U0EVIL' where action = 'step.nudged'; commit`));
    const run = await runLatchkey(['audit', 'verify'], env);
    expect(run.stdout).toBe('chain broken at event 3 (step.nudged at 2026-11-15T10:00:00.000000Z): its hash does not match its content; 2 events before it hold\n');
    expect(run.code).toBe(1);
    await withDatabase((db) => db.pool.query(`begin; ${UNGUARDED}; update audit_events set actor = 'U0OWNER1' where action = 'step.nudged'; commit`));
  });
});

describe('latchkey audit export', () => {
  it('when exported as CSV, then the header is documented and a purpose with commas, quotes and line breaks survives', async () => {
    const run = await runLatchkey(['audit', 'export'], env);
    const [header, ...rows] = parseCsv(run.stdout);
    expect(header).toEqual(['id', 'seq', 'at', 'actor', 'action', 'surface', 'request_id', 'before', 'after', 'details', 'prev_hash', 'hash']);
    expect(rows.map((row) => row[4])).toEqual(['request.submitted', 'request.submitted', 'step.nudged', 'grant.ending']);
    expect(JSON.parse(rows[0]![8]!).purpose).toBe(PURPOSE);
    expect(rows[1]![10]).toBe(rows[0]![11]);
    expect(run.code).toBe(0);
  });

  it('when given --from and --to days, then only events within them are written, the last day whole', async () => {
    const run = await runLatchkey(['audit', 'export', '--from', '2026-11-10', '--to', '2026-11-30'], env);
    expect(parseCsv(run.stdout).slice(1).map((row) => row[4])).toEqual(['step.nudged']);
    const through = await runLatchkey(['audit', 'export', '--from', '2026-11-15', '--to', '2026-12-01', '--format', 'jsonl'], env);
    expect(through.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).action)).toEqual(['step.nudged', 'grant.ending']);
  });

  it('when exported as JSON lines, then each line is one event with its JSON fields as objects', async () => {
    const run = await runLatchkey(['audit', 'export', '--format', 'jsonl'], env);
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ seq: '1', action: 'request.submitted', actor: 'U0REQ1', after: { purpose: PURPOSE } });
  });

  it('when a date is not a date, then it fails saying which', async () => {
    const run = await runLatchkey(['audit', 'export', '--from', 'last-week'], env);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('“last-week” is not a date');
  });
});

describe('latchkey access report', () => {
  it('when asked for CSV, then each access in place is a row with who approved it', async () => {
    const run = await runLatchkey(['access', 'report', '--format', 'csv'], env);
    expect(parseCsv(run.stdout)).toEqual([
      ['person', 'system', 'role', 'since', 'until', 'approved_by', 'status'],
      ['U0REQ1', 'billing', 'admin', '2026-11-02T10:00:00.000Z', '2026-11-02T11:00:00.000Z', 'U0OWNER1 U0SEC1', 'active'],
    ]);
  });

  it('when asked without a format, then it is a table for people', async () => {
    const run = await runLatchkey(['access', 'report'], env);
    expect(run.stdout.split('\n')[0]).toMatch(/^person +system +role +since +until +approved_by +status$/);
    expect(run.stdout).toContain('U0OWNER1 U0SEC1');
  });
});
