/**
 * Home publish time, as the bot does it after a change: every query of the person's Home,
 * the blocks, and `views.publish` to the (locally faked) Web API. For a requester with 50
 * requests (open, held, ended; open ones with a typical wait read from 30 decisions) and
 * for an owner with 50 requests waiting on them, against the real app and database
 * (embedded PGlite, or TEST_DATABASE_URL's PostgreSQL).
 */
import { TEST_CATALOG_YAML, testCatalog } from '../test/fixtures/catalog.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { asUserId } from '../src/domain/types.js';
import type { BenchResult } from './result.js';
import { percentile, round } from './stats.js';

const REQUESTER = 'U0REQ1';
const APPROVER = 'U0OWNER1';
const RUNS = 100;

/** A system of 50 roles, so one person can have 50 open requests (one per role at most). */
const WAREHOUSE = `
  - id: warehouse
    name: Data warehouse
    description: Reporting tables
    owners: [U0OWNER1, U0OWNER2]
    collection: [sso_group]
    roles:
${Array.from({ length: 50 }, (_, i) => `      - { id: r${i + 1}, name: Role ${i + 1}, description: Tables of area ${i + 1}, privileged: false, durations: [1d], max_duration: 30d }`).join('\n')}
`;

export async function benchHomePublish(): Promise<BenchResult[]> {
  const h = await startHarness({ catalog: testCatalog(`${TEST_CATALOG_YAML}${WAREHOUSE}`) });
  try {
    await seed(h);
    return [...(await measure(h, REQUESTER, 'requester with 50 requests')), ...(await measure(h, APPROVER, 'approver with 50 waiting'))];
  } finally {
    await h.close();
  }
}

async function measure(h: Harness, user: string, who: string): Promise<BenchResult[]> {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await h.latchkey.deps.homePublisher.publishNow(asUserId(user));
    samples.push(performance.now() - started);
  }
  assertPublished(h, user);
  return [
    { name: `Home publish, ${who}, p50`, value: round(percentile(samples, 50)), unit: 'ms' },
    { name: `Home publish, ${who}, p99`, value: round(percentile(samples, 99)), unit: 'ms', target: '< 3000 ms' },
    { name: `Home publish, ${who}, max`, value: round(Math.max(...samples)), unit: 'ms' },
  ];
}

/** The numbers only count if every publish reached Slack with the person's lists in it. */
function assertPublished(h: Harness, user: string): void {
  const published = h.slack.called('views.publish').filter((call) => call.user_id === user);
  const last = JSON.stringify(published.at(-1)?.view ?? {});
  if (published.length < RUNS || !last.includes('more — ')) throw new Error(`expected ${RUNS} full Homes published for ${user}, got ${published.length}`);
}

const DRAFT = `'{"roleId":"viewer","durationMinutes":1440,"reasons":[],"flags":[],"collection":"sso_group"}'::jsonb`;
const WAITING = `'[{"kind":"owner","approvers":["U0OWNER1","U0OWNER2"]}]'::jsonb`;
const DENIED = `'[{"kind":"owner","approvers":["U0OWNER2"],"decision":{"by":"U0OWNER2","outcome":"denied","at":"2026-11-01T10:00:00Z","reason":"Not this quarter"}}]'::jsonb`;

/**
 * The requester's 50: 20 waiting on the owners, 15 held (active grants), 15 denied, each
 * denial audited as a routed and decided step; and 50 more from others, waiting on the owner.
 */
async function seed(h: Harness): Promise<void> {
  const query = (sql: string, params: unknown[] = []) => h.db.pool.query(sql, params);
  await query(
    `insert into requests (requester_id, system_id, role_id, duration_minutes, purpose, status, steps, current_step, draft, version, created_at, updated_at)
     select $1, 'warehouse', 'r' || n, 1440, 'Bench purpose ' || n,
            case when n <= 20 then 'pending' when n <= 35 then 'approved' else 'denied' end,
            case when n <= 20 then ${WAITING} else ${DENIED} end,
            case when n <= 20 then 0 else 1 end, ${DRAFT}, 2, now() - n * interval '1 hour', now() - n * interval '1 minute'
     from generate_series(1, 50) as n`,
    [REQUESTER],
  );
  await query(
    `insert into grants (request_id, user_id, system_id, role_id, collection, granted_at, expires_at, status, attempts, version)
     select id, requester_id, system_id, role_id, 'sso_group', now(), now() + interval '1 day', 'active', 0, 1 from requests where status = 'approved'`,
  );
  await query(
    `insert into audit_events (at, actor, action, surface, request_id, before, after)
     select r.created_at + e.offset_at, e.actor, e.action, 'system', r.id,
            jsonb_build_object('systemId', 'warehouse', 'currentStep', 0, 'steps', jsonb_build_array(jsonb_build_object('kind', 'owner'))),
            jsonb_build_object('systemId', 'warehouse', 'currentStep', 0)
     from requests r
     cross join (values (interval '0', 'latchkey', 'step.routed'), (interval '2 hours', 'U0OWNER2', 'step.denied')) as e(offset_at, actor, action)
     where r.status = 'denied'`,
  );
  await query(
    `insert into requests (requester_id, system_id, role_id, duration_minutes, purpose, status, steps, current_step, draft, version, created_at, updated_at)
     select 'U0BENCH' || n, 'warehouse', 'r1', 1440, 'Bench purpose ' || n, 'pending', ${WAITING}, 0, ${DRAFT}, 1,
            now() - n * interval '10 minutes', now() - n * interval '10 minutes'
     from generate_series(1, 50) as n`,
  );
}
