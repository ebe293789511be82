/** `npm run bench`: runs every benchmark and prints its numbers next to their targets. */
import { benchAckLatency } from './ack-latency.js';
import { benchCredentials } from './credentials.js';
import { benchDigest } from './digest.js';
import { benchDrafting } from './drafting.js';
import { benchExpiry } from './expiry.js';
import { benchHomePublish } from './home-publish.js';
import { benchPacketCreate } from './packet-create.js';
import type { BenchResult } from './result.js';

const benches: [string, () => Promise<BenchResult[]>][] = [
  ['Slack acknowledgement latency', benchAckLatency],
  ['Slack acknowledgement latency, from outside: the bot and a bare Bolt app', async () => (await import('./ack-latency-external.js')).benchAckLatencyExternal()],
  ['Least-privilege drafting', benchDrafting],
  ['Credential detection', benchCredentials],
  ['Expiry at scale', benchExpiry],
  ['Expiry through crashes', async () => (await import('./expiry-crash.js')).benchExpiryCrash()],
  ['Memory (RSS from outside the bot)', async () => (await import('./memory.js')).benchMemory()],
  ['Daily digest', benchDigest],
  ['Home publish', benchHomePublish],
  ['Project packets', benchPacketCreate],
];

for (const [title, bench] of benches) {
  const results = await bench();
  console.log(`\n${title}`);
  console.table(results.map(({ name, value, unit, target }) => ({ measure: name, value: `${value} ${unit}`, target: target ?? '' })));
}
