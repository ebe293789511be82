import { isDomainError } from '../domain/errors.js';
import type { Grant } from '../domain/types.js';
import { endGrant } from './end-grant.js';
import type { Deps } from './ports.js';

/** Revocations in flight at once: they wait on revokers, not on this process. */
const IN_PARALLEL = 25;
const BATCH = 500;

/**
 * Ends every grant past its expiry, many at a time. Each grant also has its own expiry
 * job; this sweep is what keeps a minute in which thousands expire within that minute.
 * Two processes sweeping at once revoke each grant once: only one can start it.
 */
export async function expireDueGrants(deps: Deps): Promise<number> {
  let ended = 0;
  for (let batch = await deps.grants.listExpired(deps.clock.now(), BATCH); batch.length > 0; ) {
    const results = await inParallel(batch, IN_PARALLEL, (grant) => expire(deps, grant));
    const count = results.filter(Boolean).length;
    ended += count;
    if (count === 0) break; // all taken by another process
    batch = await deps.grants.listExpired(deps.clock.now(), BATCH);
  }
  return ended;
}

async function expire(deps: Deps, grant: Grant): Promise<boolean> {
  try {
    await endGrant(deps, { requestId: grant.requestId, reason: 'expired', surface: 'job' });
    return true;
  } catch (error) {
    if (isDomainError(error)) return false; // already ending
    deps.log.warn({ err: error, requestId: grant.requestId }, 'could not expire a grant; the next sweep retries');
    return false;
  }
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
