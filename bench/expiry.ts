/**
 * 10,000 grants expiring within the same minute on one process: how long until every one is
 * revoked through a webhook revoker (a local receiver), and whether any job ran twice. On
 * embedded (a DATA_DIR) and, when a server is named, on PostgreSQL.
 *
 * `npx tsx bench/expiry.ts` runs it alone.
 */
import { pathToFileURL } from 'node:url';
import { TEST_CATALOG_YAML, testCatalog } from '../test/fixtures/catalog.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { startHarness } from '../test/helpers/harness.js';
import { startWebhookReceiver } from '../test/helpers/webhook-receiver.js';
import { benchDatabases, type BenchDatabase } from './bench-database.js';
import type { BenchResult } from './result.js';
import { seedGrants } from './seed-grants.js';
import { round } from './stats.js';

const GRANTS = Number(process.env.BENCH_GRANTS ?? 10_000);
const EXPIRE_IN_MS = 3_000;

export async function benchExpiry(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const database of benchDatabases()) results.push(...(await expireOn(database)));
  return results;
}

async function expireOn({ label, open }: BenchDatabase): Promise<BenchResult[]> {
  const receiver = await startWebhookReceiver();
  const yaml = TEST_CATALOG_YAML.replace(
    '    owners: [U0OWNER1, U0OWNER2]\n',
    `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`,
  );
  const shared = { db: await open(), slack: new FakeSlack() };
  const h = await startHarness({ catalog: testCatalog(yaml), env: { HOOK_SECRET: 'bench-secret-5d9a1f4e2b8c6d0a7f5e3b1c' }, shared, productionPolling: true });
  try {
    const expiresAt = new Date(Date.now() + EXPIRE_IN_MS);
    await seedGrants((sql, params) => h.db.pool.query(sql, params), GRANTS, expiresAt);
    await until(async () => (await count(h.db.pool, "select count(*)::int as n from grants where status = 'ended'")) === GRANTS, 300_000);
    const allRevokedMs = Date.now() - expiresAt.getTime();
    const revokedEvents = receiver.received.filter((r) => r.json.type === 'access.revoked');
    const distinct = new Set(revokedEvents.map((r) => r.json.id)).size;
    const audits = await count(h.db.pool, "select count(*)::int as n from audit_events where action = 'grant.ended'");
    return [
      { name: `${label}: ${GRANTS} grants: expiry → all revoked`, value: round(allRevokedMs / 1000, 2), unit: 's', target: '< 60 s' },
      { name: `${label}: revocations sent twice`, value: revokedEvents.length - distinct, unit: 'events', target: '0' },
      { name: `${label}: revocations audited twice`, value: audits - GRANTS, unit: 'events', target: '0' },
    ];
  } finally {
    await h.close();
    await shared.db.close();
    shared.slack.close();
    await receiver.close();
  }
}

async function count(pool: import('pg').Pool, sql: string): Promise<number> {
  return (await pool.query<{ n: number }>(sql)).rows[0]!.n;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for revocations');
    await new Promise((done) => setTimeout(done, 200));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchExpiry();
  console.table(results.map(({ name, value, unit, target }) => ({ measure: name, value: `${value} ${unit}`, target: target ?? '' })));
}
