/**
 * 1,000 grants expiring together through a webhook revoker while the bot, a real child
 * process, is SIGKILLed and restarted 5 times during the window: is every grant revoked
 * exactly once in effect (one `access.revoked` id per grant, one `grant.ended` audit event
 * per grant), and how long from the due time to the last revocation? The bench frees
 * nothing itself: what a killed process held (effect leases, job locks) is freed as the
 * product frees it.
 * On PostgreSQL when TEST_DATABASE_URL or BENCH_DATABASE_URL is set, else embedded.
 *
 * `npx tsx bench/expiry-crash.ts` runs it alone.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { TEST_CATALOG_YAML } from '../test/fixtures/catalog.js';
import { startChildBot, type ChildBot } from '../test/helpers/child-bot.js';
import { startSlackServer } from '../test/helpers/slack-server.js';
import type { BenchResult } from './result.js';
import { seedGrants } from './seed-grants.js';
import { round } from './stats.js';

const GRANTS = Number(process.env.BENCH_CRASH_GRANTS ?? 1_000);
/** BENCH_CRASH_KILLS=0 gives the same run without a crash, for comparison. */
const KILLS = Math.min(5, Number(process.env.BENCH_CRASH_KILLS ?? 5));
/** Kill once this share of the grants has been revoked, one threshold per kill. */
const KILL_AT = [0.1, 0.25, 0.4, 0.55, 0.7];
/** Long enough for the seeding to finish before the grants fall due. */
const EXPIRE_IN_MS = 3_000;
const GIVE_UP_MS = 10 * 60_000;

export async function benchExpiryCrash(): Promise<BenchResult[]> {
  const slack = await startSlackServer();
  const receiver = await startRevocationReceiver();
  const yaml = TEST_CATALOG_YAML.replace(
    '    owners: [U0OWNER1, U0OWNER2]\n',
    `    owners: [U0OWNER1, U0OWNER2]\n    revoker: { type: webhook, url: "${receiver.url}", secret_env: HOOK_SECRET }\n`,
  );
  const bot = await startChildBot({ catalogYaml: yaml, slack, env: { HOOK_SECRET: 'bench-crash-secret-5d9a1f4e2b8c6d0a7f5e3b1c' } });
  const label = bot.database === 'postgres' ? 'PostgreSQL' : 'embedded';
  try {
    const due = new Date(Date.now() + EXPIRE_IN_MS);
    await seedGrants((sql, params) => bot.sql(sql, params), GRANTS, due);
    const killedAt: number[] = [];
    let kills = 0;
    const deadline = Date.now() + GIVE_UP_MS;
    while (receiver.firstSeen.size < GRANTS || (await count(bot, `select count(*)::int as n from audit_events where action = 'grant.ended'`)) < GRANTS) {
      if (Date.now() > deadline) throw new Error(`gave up: ${receiver.firstSeen.size} of ${GRANTS} revoked after ${GIVE_UP_MS / 1000} s`);
      if (kills < KILLS && receiver.firstSeen.size >= GRANTS * KILL_AT[kills]!) {
        killedAt.push(Date.now());
        await bot.kill();
        kills++;
        await bot.start();
      }
      await new Promise((done) => setTimeout(done, kills < KILLS ? 20 : 250));
    }
    const lastRevocation = Math.max(...receiver.firstSeen.values());
    const idsPerGrant = new Map<string, Set<string>>();
    for (const { request, id } of receiver.revoked) idsPerGrant.set(request, (idsPerGrant.get(request) ?? new Set()).add(id));
    const ended = await count(bot, `select count(*)::int as n from audit_events where action = 'grant.ended'`);
    const ending = await count(bot, `select count(*)::int as n from audit_events where action = 'grant.ending'`);
    const seconds = (at: number) => round((at - due.getTime()) / 1000, 1);
    const stillPending = await count(bot, `select count(*)::int as n from effects where status = 'pending' and kind = 'revoke'`);
    return [
      { name: `${label}: ${GRANTS} grants, ${kills} kills: due → last revocation`, value: seconds(lastRevocation), unit: 's' },
      ...(kills > 0 ? [{ name: `${label}: due → last kill (kills at ${killedAt.map(seconds).join(', ')} s)`, value: seconds(killedAt.at(-1)!), unit: 's' }] : []),
      { name: `${label}: grants revoked (distinct access.revoked ids)`, value: receiver.firstSeen.size, unit: 'grants', target: String(GRANTS) },
      { name: `${label}: grants with more than one access.revoked id`, value: [...idsPerGrant.values()].filter((ids) => ids.size > 1).length, unit: 'grants', target: '0' },
      { name: `${label}: access.revoked repeats under the same id (after kills)`, value: receiver.revoked.length - receiver.firstSeen.size, unit: 'events' },
      { name: `${label}: grant.ending / grant.ended audit events`, value: ending, unit: `/ ${ended} events`, target: `${GRANTS} / ${GRANTS}` },
      { name: `${label}: revoke effects still pending`, value: stillPending, unit: 'effects', target: '0' },
    ];
  } finally {
    await bot.close();
    await receiver.close();
    await slack.close();
  }
}

async function count(bot: ChildBot, sql: string): Promise<number> {
  return (await bot.sql<{ n: number }>(sql))[0]!.n;
}

/** Records every `access.revoked` and when each event id was first seen. */
async function startRevocationReceiver() {
  const revoked: { request: string; id: string }[] = [];
  const firstSeen = new Map<string, number>();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const event = JSON.parse(body);
    if (event.type === 'access.revoked') {
      revoked.push({ request: event.request_id, id: event.id });
      if (!firstSeen.has(event.id)) firstSeen.set(event.id, Date.now());
    }
    res.on('error', () => undefined);
    res.writeHead(200).end();
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/latchkey`,
    revoked,
    firstSeen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchExpiryCrash();
  console.table(results.map(({ name, value, unit, target }) => ({ measure: name, value: `${value} ${unit}`, target: target ?? '' })));
}
