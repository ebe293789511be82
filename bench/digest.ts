/** The daily digest over 10,000 open requests: building it and rendering its message. */
import { buildDigestMessage } from '../blocks/digest.js';
import { buildDigest } from '../src/domain/digest.js';
import { asRequestId } from '../src/domain/types.js';
import { testCatalog } from '../test/fixtures/catalog.js';
import { aRequest } from '../test/fixtures/requests.js';
import type { BenchResult } from './result.js';
import { percentile, round } from './stats.js';

const OPEN = 10_000;

export async function benchDigest(): Promise<BenchResult[]> {
  const now = new Date('2026-11-23T08:00:00Z');
  const open = Array.from({ length: OPEN }, (_, i) =>
    aRequest({ id: asRequestId(1001 + i), createdAt: new Date(now.getTime() - (i % 5000) * 60_000), ...(i % 7 === 0 ? { neededBy: '2026-11-24' } : {}) }),
  );
  const measurements = { submitted: 120, completed: 97, blockerAgesMinutes: open.map((_, i) => i % 5000), privilegedReviews: 12, unsafeCredentialAttempts: 3, revocationsDue: 40, revocationsDone: 39, grantedLate: 2 };
  const catalog = testCatalog();
  const samples: number[] = [];
  for (let run = 0; run < 20; run++) {
    const started = performance.now();
    const digest = buildDigest({ now, today: '2026-11-23', open, grantsNeedingAttention: [], measurements });
    buildDigestMessage(digest, { catalog, timezone: 'Europe/Berlin', date: '2026-11-23' });
    samples.push(performance.now() - started);
  }
  return [
    { name: `digest build, ${OPEN} open requests, p50`, value: round(percentile(samples, 50), 1), unit: 'ms' },
    { name: `digest build, ${OPEN} open requests, max`, value: round(Math.max(...samples), 1), unit: 'ms', target: '< 1000 ms' },
  ];
}
