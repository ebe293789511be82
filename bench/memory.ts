/**
 * Resident memory of the real bot, built and started as `npm start` does, read from outside
 * it (/proc/<pid>/status), on each database: idle after a first start (initdb on embedded),
 * idle after a restart on the same data, and idle after a soak of request submissions sent
 * over signed HTTP. Growth is the idle RSS after the whole soak less the idle RSS after its
 * first tenth: a leak shows there.
 * PostgreSQL is measured when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server.
 *
 * BENCH_SOAK_REQUESTS (default 10,000) and BENCH_IDLE_MS (default 30,000) size it down for a
 * quick run; `npx tsx bench/memory.ts` runs it alone.
 */
import { pathToFileURL } from 'node:url';
import { TEST_CATALOG_YAML } from '../test/fixtures/catalog.js';
import { startChildBot, type ChildBot } from '../test/helpers/child-bot.js';
import { startSlackServer } from '../test/helpers/slack-server.js';
import { buildBot } from './built-bot.js';
import type { BenchResult } from './result.js';
import { rssMb } from './rss.js';
import { soak } from './soak.js';

const SOAK = Number(process.env.BENCH_SOAK_REQUESTS ?? 10_000);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 30_000);

export async function benchMemory(): Promise<BenchResult[]> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const entry = await buildBot();
  const embedded = await measure(entry, null, 'embedded', '< 200 MB');
  return server ? [...embedded, ...(await measure(entry, server, 'PostgreSQL'))] : embedded;
}

async function measure(entry: string, databaseUrl: string | null, label: string, target?: string): Promise<BenchResult[]> {
  const slack = await startSlackServer();
  // A first start on a loaded machine (initdb, migrations) can take well over the usual 30 s.
  const bot = await startChildBot({ catalogYaml: TEST_CATALOG_YAML, slack, databaseUrl, entry, readyWithinMs: 180_000 });
  try {
    const firstStart = await idleRss(bot);
    await bot.stop();
    await bot.start();
    const restart = await idleRss(bot);
    const warmUp = Math.ceil(SOAK / 10);
    let failed = await soak(bot, slack, warmUp, 'U0WARM');
    const warm = await idleRss(bot);
    const peak = await peakDuring(bot, async () => void (failed += await soak(bot, slack, SOAK - warmUp, 'U0SOAK')));
    const soaked = await idleRss(bot);
    const idle = `${IDLE_MS / 1000} s idle`;
    return [
      { name: `${label}: first start, ${idle}`, value: firstStart, unit: 'MB', target },
      { name: `${label}: restart on the same data, ${idle}`, value: restart, unit: 'MB', target },
      { name: `${label}: after ${SOAK} requests, ${idle}`, value: soaked, unit: 'MB', target },
      { name: `${label}: peak during the soak`, value: peak, unit: 'MB' },
      { name: `${label}: growth from ${warmUp} to ${SOAK} requests`, value: soaked - warm, unit: 'MB', target: '≈ 0' },
      { name: `${label}: soak requests not acknowledged in time`, value: failed, unit: 'requests', target: '0' },
    ];
  } finally {
    await bot.close();
    await slack.close();
  }
}

async function idleRss(bot: ChildBot): Promise<number> {
  await new Promise((done) => setTimeout(done, IDLE_MS));
  return rssMb(bot.pid!);
}

/** The highest RSS sampled each second while `work` runs. */
async function peakDuring(bot: ChildBot, work: () => Promise<void>): Promise<number> {
  let peak = await rssMb(bot.pid!);
  const timer = setInterval(() => void rssMb(bot.pid!).then((mb) => (peak = Math.max(peak, mb)), () => undefined), 1000);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return peak;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchMemory();
  console.table(results.map(({ name, value, unit, target }) => ({ measure: name, value: `${value} ${unit}`, target: target ?? '' })));
}
